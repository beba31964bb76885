#!/usr/bin/env node
/*
 * yarn bench:collect — live collection speed and memory.
 *
 * Serves a synthetic 10,000-node / 150,000-pod cluster (realistic full objects,
 * generated lazily) over HTTPS with the project's Kubernetes API test server, then in
 * the same run times:
 *   - `cluster-readiness collect` (limit=500 pages, 4 lists in flight, trimmed to the
 *     fields the checks read), wall time and peak RSS;
 *   - `kubectl get <the same types> -A -o json --chunk-size=500` against the same
 *     server, wall time.
 * Targets: collector ≤ 1.0× kubectl's time, ≤ 600 MB RSS.
 */
const { spawnSync, spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
require('@backstage/cli/config/nodeTransform.cjs');
const { startKubeApiTestServer } = require('@cluster-readiness/kube-api-test-server');
const { RESOURCE_TYPES } = require('@cluster-readiness/backstage-plugin-common');
const { syntheticNode, syntheticPod } = require('./syntheticCluster');

const NODES = Number(process.env.BENCH_NODES ?? 10000);
const PODS = Number(process.env.BENCH_PODS ?? 150000);
const CP = 3;

function timeChild(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', d => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', code => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ ms, stderr });
    });
  });
}

async function main() {
  const server = await startKubeApiTestServer({
    snapshot: {
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterSnapshot',
      collectedAt: '2026-11-20T10:00:00Z',
      cluster: { name: 'synthetic' },
      serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
      resources: {},
    },
    source: {
      count: key => ({ pods: PODS, nodes: NODES })[key] ?? 0,
      item: (key, i) =>
        key === 'pods'
          ? syntheticPod(i, `worker-${String(CP + (i % (NODES - CP))).padStart(5, '0')}`)
          : syntheticNode(i, i < CP),
    },
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-collect-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  server.writeKubeconfig(kubeconfig, { context: 'synthetic' });
  console.log(`serving ${NODES} nodes and ${PODS} pods at ${server.url}`);

  const types = RESOURCE_TYPES.filter(t => !t.optional && !t.name)
    .map(t => (t.group ? `${t.plural}.${t.group}` : t.plural))
    .join(',');
  const cli = path.join(__dirname, 'measureCli.js');

  const collector = await timeChild(process.execPath, [cli, 'collect', '--kubeconfig', kubeconfig, '-o', path.join(dir, 'snapshot.json')]);
  const measured = JSON.parse(collector.stderr.trim().split('\n').pop());
  const kubectl = await timeChild('kubectl', ['--kubeconfig', kubeconfig, 'get', types, '-A', '-o', 'json', '--chunk-size=500'], { HOME: dir });

  console.log('');
  console.log('what'.padEnd(44), 'wall ms'.padStart(9), 'peak RSS MB'.padStart(12));
  console.log('cluster-readiness collect'.padEnd(44), collector.ms.toFixed(0).padStart(9), measured.maxRssMB.toFixed(0).padStart(12));
  console.log('kubectl get … -A -o json --chunk-size=500'.padEnd(44), kubectl.ms.toFixed(0).padStart(9), ''.padStart(12));
  console.log('');
  console.log(`${collector.ms <= kubectl.ms ? 'met    ' : 'MISSED '} collector ≤ 1.0× kubectl (${(collector.ms / kubectl.ms).toFixed(2)}×)`);
  console.log(`${measured.maxRssMB <= 600 ? 'met    ' : 'MISSED '} collector peak RSS ≤ 600 MB`);
  await server.close();
  spawnSync('rm', ['-rf', dir]);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
