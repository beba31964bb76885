import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BUILTIN_CHECKS } from '@cluster-readiness/backstage-plugin-common';
import { minVersion, satisfies } from 'semver';
import { LocalRegistry } from './LocalRegistry';
import { packWorkspace, PackedPackage } from './packWorkspace';

// Building and packing five packages on a busy machine takes minutes; this is a hang
// guard, not a speed target.
jest.setTimeout(20 * 60 * 1000);

const work = mkdtempSync(join(tmpdir(), 'cluster-readiness-pack-'));
let packed: PackedPackage[] = [];

function manifestOf(pkg: PackedPackage) {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', pkg.tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

function byName(name: string): PackedPackage {
  const pkg = packed.find(p => p.name === name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg;
}

/**
 * The Backstage frontend libraries an app made by `@backstage/create-app` 0.9.2
 * (Backstage 1.55.0, our backstage.json) has: the lowest versions its template's ranges
 * take (frontend-plugin-api and core-compat-api from its new-frontend-system app).
 */
const BACKSTAGE_1_55_APP: Record<string, string> = {
  '@backstage/core-components': '0.18.14',
  '@backstage/core-plugin-api': '1.12.10',
  '@backstage/plugin-catalog-react': '3.2.3',
  '@backstage/plugin-permission-react': '0.5.5',
  '@backstage/plugin-signals-react': '0.0.26',
  '@backstage/frontend-plugin-api': '0.18.1',
  '@backstage/core-compat-api': '0.5.15',
};

/** Files a published package must never contain. */
const NOT_PUBLISHED =
  /(^|\/)(src|__fixtures__|__testUtils__|fixtures|e2e|bench)\/|\.test\.[jt]sx?$|setupTests|\.tsbuildinfo$|\.local\.yaml$/;

beforeAll(() => {
  packed = packWorkspace(join(work, 'tarballs'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are the five published packages, each with its README and manifest', () => {
    expect(packed.map(p => p.name)).toEqual([
      '@cluster-readiness/backstage-plugin-common',
      '@cluster-readiness/backstage-plugin-node',
      '@cluster-readiness/backstage-plugin-backend',
      '@cluster-readiness/backstage-plugin',
      '@cluster-readiness/cli',
    ]);
    for (const pkg of packed) {
      expect(pkg.files).toContain('package.json');
      expect(pkg.files).toContain('README.md');
      expect(pkg.files).toContain('CHANGELOG.md');
    }
  });

  it('hold no sources, tests or fixtures', () => {
    for (const pkg of packed) {
      expect({
        name: pkg.name,
        unexpected: pkg.files.filter(f => NOT_PUBLISHED.test(f)),
      }).toEqual({ name: pkg.name, unexpected: [] });
    }
  });

  it('point main, module, types and exports at files that are in the tarball', () => {
    for (const pkg of packed) {
      const manifest = manifestOf(pkg);
      const entryPoints = [
        manifest.main,
        manifest.module,
        manifest.types,
        ...Object.values(manifest.bin ?? {}),
        ...Object.values<string | Record<string, string>>(
          manifest.exports ?? {},
        ).flatMap(e =>
          typeof e === 'string'
            ? [e]
            : // the `backstage` condition names the feature type, not a file
              Object.entries(e)
                .filter(([condition]) => condition !== 'backstage')
                .map(([, file]) => file),
        ),
      ]
        .filter((e): e is string => typeof e === 'string')
        .map(e => e.replace(/^\.\//, ''));
      expect(entryPoints.length).toBeGreaterThan(0);
      for (const entry of entryPoints) {
        expect({
          name: pkg.name,
          entry,
          packed: pkg.files.includes(entry),
        }).toEqual({ name: pkg.name, entry, packed: true });
      }
      expect(manifest.publishConfig?.access).toBe('public');
      expect(manifest.private).toBeUndefined();
      // workspace: ranges are replaced by the versions they point at.
      for (const deps of [manifest.dependencies, manifest.peerDependencies]) {
        for (const range of Object.values<string>(deps ?? {})) {
          expect(range).not.toMatch(/^workspace:/);
        }
      }
    }
  });

  it('ship type declarations for every library entry point', () => {
    expect(
      byName('@cluster-readiness/backstage-plugin-common').files,
    ).toContain('dist/index.d.ts');
    expect(byName('@cluster-readiness/backstage-plugin-node').files).toContain(
      'dist/index.d.ts',
    );
    expect(
      byName('@cluster-readiness/backstage-plugin-backend').files,
    ).toContain('dist/index.d.ts');
    const frontend = byName('@cluster-readiness/backstage-plugin');
    expect(frontend.files).toEqual(
      expect.arrayContaining(['dist/index.d.ts', 'dist/alpha.d.ts']),
    );
    expect(manifestOf(frontend).exports).toMatchObject({
      '.': expect.objectContaining({ types: './dist/index.d.ts' }),
      './alpha': expect.objectContaining({ types: './dist/alpha.d.ts' }),
    });
  });

  it("ship the backend's config schema and migrations", () => {
    const backend = byName('@cluster-readiness/backstage-plugin-backend');
    const manifest = manifestOf(backend);
    // backstage-cli prepack compiles config.d.ts into JSON schema, as Backstage's own
    // backend plugins ship it.
    expect(backend.files).toContain(manifest.configSchema);
    const schema = JSON.parse(
      execFileSync(
        'tar',
        ['-xzOf', backend.tarball, `package/${manifest.configSchema}`],
        { encoding: 'utf8' },
      ),
    );
    expect(Object.keys(schema.properties)).toEqual(['clusterReadiness']);
    const migrations = backend.files.filter(f => f.startsWith('migrations/'));
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.sort()).toEqual(
      readdirSync(
        join(
          __dirname,
          '../../../plugins/cluster-readiness-backend/migrations',
        ),
      )
        .filter(f => f.endsWith('.js'))
        .map(f => `migrations/${f}`)
        .sort(),
    );
  });

  it("leave React, Material UI, the router and Backstage's frontend libraries to the app's single copies", () => {
    const manifest = manifestOf(byName('@cluster-readiness/backstage-plugin'));
    for (const peer of [
      'react',
      'react-dom',
      'react-router-dom',
      '@material-ui/core',
      '@material-ui/icons',
      ...Object.keys(BACKSTAGE_1_55_APP),
    ]) {
      expect({ peer, dependency: manifest.dependencies[peer] }).toEqual({
        peer,
        dependency: undefined,
      });
      expect(manifest.peerDependencies[peer]).toBeDefined();
    }
  });

  it('take the Backstage frontend libraries of apps from Backstage 1.55 (our backstage.json) up to the versions we build with', () => {
    const manifest = manifestOf(byName('@cluster-readiness/backstage-plugin'));
    const ours = JSON.parse(
      readFileSync(
        join(__dirname, '../../../plugins/cluster-readiness/package.json'),
        'utf8',
      ),
    );
    for (const [peer, oldest] of Object.entries(BACKSTAGE_1_55_APP)) {
      const range: string = manifest.peerDependencies[peer];
      const newest = minVersion(ours.devDependencies[peer])!.version;
      expect({ peer, oldest, newest, range }).toEqual({
        peer,
        oldest,
        newest,
        range: expect.any(String),
      });
      expect({ peer, range, oldest: satisfies(oldest, range) }).toEqual({
        peer,
        range,
        oldest: true,
      });
      expect({ peer, range, newest: satisfies(newest, range) }).toEqual({
        peer,
        range,
        newest: true,
      });
    }
    // Only the new frontend system's entry point (./alpha) needs these.
    expect(manifest.peerDependenciesMeta).toMatchObject({
      '@backstage/frontend-plugin-api': { optional: true },
      '@backstage/core-compat-api': { optional: true },
    });
  });
});

describe('the CLI from the registry', () => {
  it('installs with npm install -g into an empty prefix and runs', async () => {
    const registry = await LocalRegistry.start(packed.map(p => p.tarball));
    const prefix = join(work, 'global');
    try {
      // Asynchronously: the registry answers from this very process.
      await promisify(execFile)(
        'npm',
        [
          'install',
          '--global',
          '--prefix',
          prefix,
          '--registry',
          registry.url,
          '--cache',
          join(work, 'npm-cache'),
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
          '@cluster-readiness/cli',
        ],
        { env: { ...process.env, npm_config_userconfig: '/dev/null' } },
      );
    } finally {
      await registry.close();
    }
    const bin = join(prefix, 'bin', 'cluster-readiness');
    expect(existsSync(bin)).toBe(true);
    // No sources were installed: the CLI runs from dist.
    expect(
      existsSync(join(prefix, 'lib/node_modules/@cluster-readiness/cli/src')),
    ).toBe(false);
    const version = execFileSync(bin, ['--version'], {
      encoding: 'utf8',
    }).trim();
    expect(version).toBe(byName('@cluster-readiness/cli').version);
    // Its -common dependency came from the registry too: the check catalog lists.
    const checks = JSON.parse(
      execFileSync(bin, ['checks', '--format', 'json'], { encoding: 'utf8' }),
    );
    expect(checks).toHaveLength(BUILTIN_CHECKS.length);
    expect(
      existsSync(
        join(
          prefix,
          'lib/node_modules/@cluster-readiness/cli/node_modules/@cluster-readiness/backstage-plugin-common/package.json',
        ),
      ),
    ).toBe(true);
  });
});
