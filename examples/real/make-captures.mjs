#!/usr/bin/env node
/*
 * Rebuilds the trimmed real captures of examples/real/ from git checkouts of their
 * source repositories (see README.md for repositories, commits and licences):
 *
 *   node examples/real/make-captures.mjs <troubleshoot-git-dir> <insights-operator-git-dir>
 *
 * Each argument is a git directory (bare or not) at the commit README.md names. Only
 * data files are read from them (with `git show`), never code. What is kept:
 * - support bundles: the cluster-resources/ lists of the kinds the checks read, the
 *   discovery groups, cluster-info/cluster_version.json, version.yaml and one pod log
 *   (so the reader's skipping is exercised), in the bundle's own layout; ConfigMap
 *   lists keep only kube-system/cluster-autoscaler-status and kubeadm-config;
 * - every object: `metadata.managedFields`, the last-applied-configuration annotation
 *   and node `status.images` are removed; nothing else is changed;
 * - Secrets are never kept (no bundle here holds any under cluster-resources/; the
 *   Insights archive's config/secrets/ is not read).
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, list as listTar } from 'tar';
import { stringify } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const [troubleshoot, insights] = process.argv.slice(2);
if (!troubleshoot || !insights) {
  console.error(
    'usage: make-captures.mjs <troubleshoot-git-dir> <insights-operator-git-dir>',
  );
  process.exit(2);
}

const show = (gitDir, path) =>
  execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], {
    maxBuffer: 1 << 28,
  });
const lsTree = (gitDir, path) =>
  execFileSync(
    'git',
    ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', 'HEAD', path],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);

function trimObject(obj) {
  if (!obj || typeof obj !== 'object') return obj;
  if (obj.metadata) {
    delete obj.metadata.managedFields;
    if (obj.metadata.annotations) {
      delete obj.metadata.annotations[
        'kubectl.kubernetes.io/last-applied-configuration'
      ];
    }
  }
  if (obj.kind === 'Node' && obj.status) delete obj.status.images;
  return obj;
}

function trimList(list, keep = () => true) {
  list.items = (list.items ?? []).filter(keep).map(trimObject);
  return list;
}

// Directories (or files) of cluster-resources/ that hold kinds the checks read.
const BUNDLE_KEEP = [
  /^nodes\.json$/,
  /^namespaces\.json$/,
  /^groups\.json$/,
  /^clusterroles\.json$/,
  /^clusterrolebindings\.json$/i,
  /^(pods|serviceaccounts|resource-quotas?|limitranges|configmaps|deployments|daemonsets|statefulsets|cronjobs|roles|rolebindings|pod-disruption-budgets|network-policy)\/[^/]+\.json$/,
  /^leases\/kube-system\.json$/,
  /^endpointslices\/default\.json$/,
];
const CONFIGMAPS = ['cluster-autoscaler-status', 'kubeadm-config'];

/** Unpacks a bundle from git into a temp dir and returns the trimmed member list. */
function trimBundle(gitDir, path, out) {
  const tmp = mkdtempSync(join(tmpdir(), 'bundle-'));
  writeFileSync(join(tmp, 'in.tar.gz'), show(gitDir, path));
  const members = [];
  listTar({
    file: join(tmp, 'in.tar.gz'),
    sync: true,
    onReadEntry: e => members.push(e.path),
  });
  execFileSync('tar', ['xzf', join(tmp, 'in.tar.gz'), '-C', tmp]);
  const root = members[0].split('/')[0];
  const kept = [];
  let logKept = false;
  for (const member of members.sort()) {
    if (member.endsWith('/')) continue;
    const rel = member.slice(root.length + 1);
    const data = readFileSync(join(tmp, member));
    let content;
    if (rel === 'version.yaml' || rel === 'cluster-info/cluster_version.json') {
      content = data;
    } else if (rel.startsWith('cluster-resources/pods/logs/') && !logKept) {
      logKept = true;
      content = data;
    } else if (rel.startsWith('cluster-resources/')) {
      const inner = rel.slice('cluster-resources/'.length);
      if (!BUNDLE_KEEP.some(re => re.test(inner))) continue;
      const value = JSON.parse(data.toString('utf8'));
      if (!Array.isArray(value) && value.items) {
        trimList(
          value,
          inner.startsWith('configmaps/')
            ? o =>
                o.metadata?.namespace === 'kube-system' &&
                CONFIGMAPS.includes(o.metadata?.name)
            : undefined,
        );
      }
      content = `${JSON.stringify(value, null, 2)}\n`;
    } else {
      continue;
    }
    const target = join(out, root, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    kept.push(`${root}/${rel}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  return { root, kept };
}

// 1. k3s 1.24 (k3d) support bundle, re-packed as .tar.gz in its own layout.
{
  const work = mkdtempSync(join(tmpdir(), 'k3s124-'));
  const { kept } = trimBundle(
    troubleshoot,
    'testdata/supportbundle/support-bundle.tar.gz',
    work,
  );
  mkdirSync(join(here, 'k3s-1.24-bundle'), { recursive: true });
  await create(
    {
      gzip: true,
      file: join(here, 'k3s-1.24-bundle', 'support-bundle.tar.gz'),
      cwd: work,
      portable: true,
      noMtime: true,
    },
    kept,
  );
  rmSync(work, { recursive: true, force: true });
}

// 2. k3s 1.31 support bundle, unpacked: a directory in the bundle layout.
{
  const out = join(here, 'k3s-1.31-bundle-dir');
  rmSync(out, { recursive: true, force: true });
  trimBundle(troubleshoot, 'test/baselines/supportbundle/baseline.tar.gz', out);
}

// 3 and 4. Nodes of a kURL (kubeadm) 1.29 cluster and of a DigitalOcean (DOKS) 1.19
// managed cluster: typed NodeLists, from Troubleshoot's analyzer fixture of real nodes.
{
  const nodes = JSON.parse(
    show(troubleshoot, 'pkg/analyze/files/nodes.json').toString('utf8'),
  );
  const pick = (name, keep) => {
    const list = trimList(structuredClone(nodes), keep);
    mkdirSync(join(here, name), { recursive: true });
    writeFileSync(
      join(here, name, 'nodes.json'),
      `${JSON.stringify(list, null, 2)}\n`,
    );
  };
  pick(
    'kurl-1.29-kubeadm',
    n => n.metadata.labels?.['kurl.sh/cluster'] === 'true',
  );
  pick(
    'doks-1.19-managed',
    n => !!n.metadata.labels?.['doks.digitalocean.com/node-pool'],
  );
}

// 5. OpenShift 4.7: the Insights Operator's sample archive, whose files are single
// objects without kind; written as a multi-document YAML of typed lists and objects.
{
  const base = 'docs/insights-archive-sample/config';
  const read = path =>
    trimObject(JSON.parse(show(insights, path).toString('utf8')));
  const objects = (dir, apiVersion, kind) =>
    lsTree(insights, `${base}/${dir}`)
      .filter(p => p.endsWith('.json'))
      .map(p => ({ apiVersion, kind, ...read(p) }));
  const docs = [
    {
      apiVersion: 'v1',
      kind: 'NodeList',
      items: objects('node', 'v1', 'Node'),
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfigurationList',
      items: objects(
        'validatingwebhookconfigurations',
        'admissionregistration.k8s.io/v1',
        'ValidatingWebhookConfiguration',
      ),
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfigurationList',
      items: objects(
        'mutatingwebhookconfigurations',
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
      ),
    },
    {
      apiVersion: 'config.openshift.io/v1',
      kind: 'APIServer',
      ...read(`${base}/apiserver.json`),
    },
    {
      apiVersion: 'config.openshift.io/v1',
      kind: 'Authentication',
      ...read(`${base}/authentication.json`),
    },
  ];
  mkdirSync(join(here, 'openshift-4.7-insights'), { recursive: true });
  writeFileSync(
    join(here, 'openshift-4.7-insights', 'cluster.yaml'),
    `# Trimmed from openshift/insights-operator docs/insights-archive-sample (see ../README.md)\n${docs
      .map(d => stringify(d, { lineWidth: 0 }))
      .join('---\n')}`,
  );
}
console.log('captures written under', here);
