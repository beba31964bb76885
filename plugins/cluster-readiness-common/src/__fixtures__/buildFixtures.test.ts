/*
 * The committed fixtures of examples/snapshots are exactly what
 * examples/snapshots/build-fixtures.js generates, so an edit to the script without
 * rerunning it, or a hand edit of a JSON file, fails here.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SNAPSHOT_DIR = resolve(__dirname, '../../../../examples/snapshots');
const SCRIPT = join(SNAPSHOT_DIR, 'build-fixtures.js');

function buildFixtures(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    timeout: 60_000, // a hang guard: the script takes well under a second
  });
}

describe('examples/snapshots/build-fixtures.js', () => {
  it('generates exactly the committed fixtures', () => {
    const result = buildFixtures('--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('all 6 fixtures up to date');
  });

  describe('--check on a copy that differs', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'build-fixtures-'));
      for (const file of readdirSync(SNAPSHOT_DIR)) {
        if (file.endsWith('.json')) {
          copyFileSync(join(SNAPSHOT_DIR, file), join(dir, file));
        }
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 1 naming each changed or missing file, and writes nothing', () => {
      const edited = join(dir, 'dev-1.json');
      writeFileSync(edited, '{}\n');
      unlinkSync(join(dir, 'restricted.json'));

      const result = buildFixtures('--check', '--out', dir);

      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `${dir}: not what build-fixtures.js generates: dev-1.json, restricted.json (missing). ` +
          'Run node examples/snapshots/build-fixtures.js\n',
      );
      expect(readdirSync(dir).sort()).toEqual([
        'dev-1.json',
        'kubectl-list.json',
        'prod-eu-1.json',
        'prod-us-1.json',
        'staging-1.json',
      ]);
      expect(readFileSync(edited, 'utf8')).toBe('{}\n');
    });
  });
});
