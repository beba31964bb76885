#!/usr/bin/env node
/*
 * yarn bench:evaluate — evaluation speed and memory on synthetic clusters.
 *
 * Writes a 2,000-node / 30,000-pod snapshot (~130 MB) and a 10,000-node / 150,000-pod
 * one (~650 MB) of realistic full objects under .bench/, then reports, in one run:
 *   - plain JSON.parse(readFileSync) of the 130 MB file (the yardstick),
 *   - evaluate() alone on the 130 MB snapshot,
 *   - the whole CLI (stream read + evaluate + JSON report) on both files,
 * with wall time and peak RSS. Targets: evaluate ≤ 0.5× parse; CLI on 130 MB ≤ 1.5×
 * parse; CLI on 650 MB ≤ 5× parse with peak RSS ≤ 1.5 GB.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
require('@backstage/cli/config/nodeTransform.cjs');
const { writeSyntheticSnapshot } = require('./syntheticCluster');

const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, '.bench');
fs.mkdirSync(dir, { recursive: true });

function ensure(file, size) {
  if (!fs.existsSync(file)) {
    const t = Date.now();
    const bytes = writeSyntheticSnapshot(file, size);
    console.log(`wrote ${path.relative(root, file)}: ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return fs.statSync(file).size;
}

function runCli(file) {
  const run = spawnSync(
    process.execPath,
    [path.join(__dirname, 'measureCli.js'), 'evaluate', file, '--format', 'json'],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const result = JSON.parse(run.stderr.trim().split('\n').pop());
  if (result.code !== 0) throw new Error(`CLI failed on ${file}: ${run.stderr}`);
  return result;
}

async function main() {
  const small = path.join(dir, 'synthetic-30000-pods.json');
  const large = path.join(dir, 'synthetic-150000-pods.json');
  const smallBytes = ensure(small, { nodes: 2000, pods: 30000 });
  const largeBytes = ensure(large, { nodes: 10000, pods: 150000 });

  // Yardstick: plain JSON.parse of the 130 MB file, in a fresh process.
  const parse = JSON.parse(
    execFileSync(process.execPath, ['-e', `
      const fs = require('fs');
      const t = process.hrtime.bigint();
      JSON.parse(fs.readFileSync(${JSON.stringify(small)}, 'utf8'));
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
    `], { encoding: 'utf8' }),
  );

  // evaluate() alone, on the snapshot as the CLI holds it.
  const { readSnapshot } = require('@cluster-readiness/backstage-plugin-node');
  const { evaluate } = require('@cluster-readiness/backstage-plugin-common');
  const snapshot = await readSnapshot(small);
  evaluate(snapshot); // warm-up
  const t = process.hrtime.bigint();
  const report = evaluate(snapshot);
  const evalMs = Number(process.hrtime.bigint() - t) / 1e6;

  const cliSmall = runCli(small);
  const cliLarge = runCli(large);

  const rows = [
    ['JSON.parse(readFileSync) 130 MB', parse.ms, parse.maxRssMB, 1],
    ['evaluate() alone, 30,000 pods', evalMs, undefined, evalMs / parse.ms],
    ['CLI evaluate, 30,000 pods', cliSmall.ms, cliSmall.maxRssMB, cliSmall.ms / parse.ms],
    ['CLI evaluate, 150,000 pods', cliLarge.ms, cliLarge.maxRssMB, cliLarge.ms / parse.ms],
  ];
  console.log(`\nfiles: ${(smallBytes / 1e6).toFixed(0)} MB and ${(largeBytes / 1e6).toFixed(0)} MB; report score ${report.score}, ${report.checks.length} checks`);
  console.log('what'.padEnd(36), 'wall ms'.padStart(9), 'peak RSS MB'.padStart(12), '× parse'.padStart(8));
  for (const [what, ms, rss, ratio] of rows) {
    console.log(what.padEnd(36), ms.toFixed(0).padStart(9), (rss === undefined ? '' : rss.toFixed(0)).padStart(12), ratio.toFixed(2).padStart(8));
  }
  const checks = [
    ['evaluate ≤ 0.5× parse', evalMs <= 0.5 * parse.ms],
    ['CLI 130 MB ≤ 1.5× parse', cliSmall.ms <= 1.5 * parse.ms],
    ['CLI 650 MB ≤ 5× parse', cliLarge.ms <= 5 * parse.ms],
    ['CLI 650 MB peak RSS ≤ 1.5 GB', cliLarge.maxRssMB <= 1536],
  ];
  console.log('');
  for (const [what, ok] of checks) console.log(`${ok ? 'met    ' : 'MISSED '} ${what}`);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
