import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import tls from 'node:tls';

/**
 * The registry every package but ours is read from: the one npm is configured with
 * (`npm config get registry`), so a mirror or proxy set up for npm is used here too.
 */
function upstreamRegistry(): string {
  const configured =
    process.env.npm_config_registry ||
    execFileSync('npm', ['config', 'get', 'registry', '--workspaces=false'], {
      encoding: 'utf8',
    }).trim();
  return configured.replace(/\/+$/, '');
}
let upstream: string | undefined;

/**
 * The CAs to trust upstream: Node's own roots, the operating system's store (where a
 * TLS-inspecting proxy's CA is installed, as `node --use-system-ca` would use) and
 * npm's `cafile` when one is configured, as npm itself does.
 */
function upstreamCa(): string[] {
  const cafile = execFileSync(
    'npm',
    ['config', 'get', 'cafile', '--workspaces=false'],
    {
      encoding: 'utf8',
    },
  ).trim();
  return [
    ...tls.getCACertificates('default'),
    ...tls.getCACertificates('system'),
    ...(cafile && cafile !== 'null' && cafile !== 'undefined'
      ? [readFileSync(cafile, 'utf8')]
      : []),
  ];
}
let ca: string[] | undefined;
/** Packages older than Yarn's `npmMinimalAgeGate` (3 days in apps made by create-app). */
const PUBLISHED_AGO_MS = 30 * 24 * 3600 * 1000;

interface LocalPackage {
  name: string;
  version: string;
  manifest: Record<string, unknown>;
  tarball: Buffer;
}

function readTarball(path: string): LocalPackage {
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', path, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  return {
    name: manifest.name,
    version: manifest.version,
    manifest,
    tarball: readFileSync(path),
  };
}

/**
 * An npm registry on 127.0.0.1 that serves the given tarballs as if they were
 * published, and passes every other request through to the registry npm is configured with. npm and
 * Yarn then install our packages exactly as a user would from the registry: by name,
 * with their dependencies between each other resolved by version range.
 *
 * @public
 */
export class LocalRegistry {
  private constructor(
    private readonly server: http.Server,
    /** The registry URL, e.g. `http://localhost:43123`. */
    readonly url: string,
  ) {}

  /** Starts the registry on an ephemeral port. */
  static async start(tarballPaths: string[]): Promise<LocalRegistry> {
    const packages = new Map<string, LocalPackage>();
    for (const path of tarballPaths) {
      const pkg = readTarball(path);
      packages.set(pkg.name, pkg);
    }
    let url = '';
    const server = http.createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      const tarballMatch = /^\/(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(path);
      const local = packages.get(
        tarballMatch ? tarballMatch[1] : path.slice(1),
      );
      if (local && tarballMatch) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(local.tarball);
        return;
      }
      if (local) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(packument(local, url)));
        return;
      }
      proxy(req, res);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
    return new LocalRegistry(server, url);
  }

  /** Stops the registry. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }
}

function packument(pkg: LocalPackage, registryUrl: string) {
  const published = new Date(Date.now() - PUBLISHED_AGO_MS).toISOString();
  const fileName = `${pkg.name.split('/').pop()}-${pkg.version}.tgz`;
  return {
    name: pkg.name,
    'dist-tags': { latest: pkg.version },
    versions: {
      [pkg.version]: {
        ...pkg.manifest,
        _id: `${pkg.name}@${pkg.version}`,
        dist: {
          tarball: `${registryUrl}/${pkg.name}/-/${fileName}`,
          shasum: createHash('sha1').update(pkg.tarball).digest('hex'),
          integrity: `sha512-${createHash('sha512')
            .update(pkg.tarball)
            .digest('base64')}`,
        },
      },
    },
    time: { created: published, modified: published, [pkg.version]: published },
  };
}

function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
  const headers: Record<string, string> = {};
  for (const name of ['accept', 'accept-encoding', 'user-agent']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  try {
    upstream ??= upstreamRegistry();
    ca ??= upstreamCa();
  } catch {
    // Answered, not left hanging: npm and Yarn would retry it for minutes.
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(
      'the local registry could not read the npm configuration (npm config get registry / cafile)',
    );
    return;
  }
  const client = upstream.startsWith('http:') ? http : https;
  const proxied = client.get(`${upstream}${req.url}`, { headers, ca }, up => {
    const out: Record<string, string> = {};
    for (const name of [
      'content-type',
      'content-encoding',
      'etag',
      'location',
    ]) {
      const value = up.headers[name];
      if (typeof value === 'string') out[name] = value;
    }
    res.writeHead(up.statusCode ?? 502, out);
    up.pipe(res);
  });
  proxied.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
}
