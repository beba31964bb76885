import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
// This private package only ever runs from source, inside the repository.
// eslint-disable-next-line no-restricted-syntax
const ROOT = resolve(__dirname, '../../..');

/**
 * The packages we publish, by folder, in dependency order.
 *
 * @public
 */
export const PUBLISHED_PACKAGES = [
  'plugins/cluster-readiness-common',
  'plugins/cluster-readiness-node',
  'plugins/cluster-readiness-backend',
  'plugins/cluster-readiness',
  'packages/cli',
] as const;

/**
 * A package packed the way `yarn npm publish` packs it.
 *
 * @public
 */
export interface PackedPackage {
  name: string;
  version: string;
  folder: string;
  tarball: string;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
}

function yarn(cwd: string, args: string[]) {
  const yarnJs = process.env.npm_execpath;
  const [cmd, prefix] =
    yarnJs && yarnJs.endsWith('.cjs')
      ? [process.execPath, [yarnJs]]
      : ['yarn', [] as string[]];
  try {
    execFileSync(cmd, [...prefix, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `yarn ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${
        stderr ?? ''
      }`,
    );
  }
}

/**
 * Type checks the repository, builds every published package with
 * `backstage-cli package build` and packs it with `yarn pack` (which runs
 * `backstage-cli package prepack`, as publishing does) into `outDir`.
 *
 * @public
 */
export function packWorkspace(
  outDir: string,
  options: { build?: boolean } = {},
): PackedPackage[] {
  mkdirSync(outDir, { recursive: true });
  if (options.build !== false) yarn(ROOT, ['tsc']);
  return PUBLISHED_PACKAGES.map(folder => {
    const dir = join(ROOT, folder);
    const manifest = require(join(dir, 'package.json'));
    const tarball = join(
      outDir,
      `${manifest.name.replace(/^@/, '').replace('/', '-')}-${
        manifest.version
      }.tgz`,
    );
    if (options.build !== false) {
      yarn(dir, ['backstage-cli', 'package', 'build']);
    }
    yarn(dir, ['pack', '--out', tarball]);
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, ''));
    return {
      name: manifest.name,
      version: manifest.version,
      folder,
      tarball,
      files,
    };
  });
}
