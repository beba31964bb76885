import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import { readSnapshot } from './readSnapshot';
import { writeSnapshot } from './writeSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'write-snapshot-'));

const snapshot: ClusterSnapshot = {
  apiVersion: 'cluster-readiness/v1alpha1',
  kind: 'ClusterSnapshot',
  collectedAt: '2026-11-20T10:00:00Z',
  cluster: {
    name: 'c "quoted"',
    server: 'https://x:6443',
    skipTLSVerify: false,
  },
  serverVersion: { major: '1', minor: '34', gitVersion: 'v1.34.2' },
  anonymousProbe: { status: 401 },
  apiGroupVersions: ['v1', 'apps/v1'],
  resources: {
    nodes: {
      items: Array.from({ length: 3000 }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: `n-${i}`, labels: { 'x\n"y': 'é ✓' } },
      })),
    },
    pods: { items: [] },
    'clusterrolebindings.rbac.authorization.k8s.io': {
      error: { code: 403, reason: 'Forbidden', message: 'no "way"' },
    },
  },
};

describe('writeSnapshot', () => {
  it('writes JSON that parses back to the same snapshot, item by item', async () => {
    const file = join(dir, 'a.json');
    await writeSnapshot(snapshot, file);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(snapshot);
    // One item a line: never one giant string.
    expect(text.split('\n').length).toBeGreaterThan(3000);
    expect(await readSnapshot(file, { trim: false })).toEqual(snapshot);
  });

  it('writes a snapshot without resources', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', c => chunks.push(c));
    await writeSnapshot({ ...snapshot, resources: {} }, out);
    expect(JSON.parse(Buffer.concat(chunks).toString()).resources).toEqual({});
  });

  it('honours back-pressure and reports write errors', async () => {
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, cb) {
        writes++;
        setImmediate(cb);
      },
    });
    await writeSnapshot(snapshot, slow);
    expect(writes).toBeGreaterThan(1);

    const broken = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, cb) {
        cb(new Error('disk full'));
      },
    });
    await expect(writeSnapshot(snapshot, broken)).rejects.toThrow('disk full');
    await expect(
      writeSnapshot(snapshot, join(dir, 'missing', 'x.json')),
    ).rejects.toThrow(/ENOENT/);
  });
});
