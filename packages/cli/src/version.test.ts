import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { version } from '../package.json';

const BIN = resolve(__dirname, '../bin/cluster-readiness');

describe('cluster-readiness --version', () => {
  it.each(['--version', '-V'])(
    '%s prints the package version and exits 0',
    flag => {
      const result = spawnSync(process.execPath, [BIN, flag], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(version);
      expect(version).toMatch(/^\d+\.\d+\.\d+/);
    },
  );
});
