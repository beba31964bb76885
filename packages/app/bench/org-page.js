/* eslint-disable no-console */
/*
 * `yarn bench:org-page`: the organisation page's first full render after its API calls
 * return, in a production build of the app, in headless Chromium (Debian's, via
 * playwright-core). Target: ≤ 1.5 s.
 *
 * No server and no port: the browser's requests are answered by Playwright's request
 * routing. The app (packages/app/dist, built with `yarn workspace app build` when
 * missing or with BENCH_BUILD=1) is served from disk, and the backend is answered with a
 * synthetic fleet of FLEET_CLUSTERS clusters (default 10,000): `GET /clusters` pages of
 * the requested size, `GET /fleet` aggregates with FLEET_OWNERS owners and
 * FLEET_SYSTEMS systems. The page marks `cluster-readiness:org-page:data` when the last
 * of its API calls returns and measures `cluster-readiness:org-page:render` to the
 * first paint with that data (plugins/cluster-readiness/src/lib/renderTiming.ts).
 *
 * Options: BENCH_RUNS (7), FLEET_CLUSTERS (10000), FLEET_OWNERS (300), FLEET_SYSTEMS
 * (600), PAGE_SIZES (`25,100`: the default view and the largest page), CHROMIUM
 * (/usr/bin/chromium), BENCH_BUILD=1 to rebuild the app first. Each size is loaded
 * BENCH_RUNS times; the figure is the median (this machine is shared, so the worst run
 * is printed beside it). BENCH_PROFILE=<file> writes a CPU profile of each load.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { extname, join, resolve } = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = resolve(__dirname, '../../..');
const DIST = resolve(__dirname, '../dist');
const APP = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CLUSTERS = Number(process.env.FLEET_CLUSTERS ?? 10_000);
const OWNERS = Number(process.env.FLEET_OWNERS ?? 300);
const SYSTEMS = Number(process.env.FLEET_SYSTEMS ?? 600);
const PAGE_SIZES = (process.env.PAGE_SIZES ?? '25,100').split(',').map(Number);
const TARGET_MS = 1500;
const MEASURE = 'cluster-readiness:org-page:render';

const CATEGORIES = ['control-plane', 'nodes', 'access', 'resource-limits'];
const STATES = ['ok', 'stale', 'error', 'needs-user-credentials', 'pending'];
const BANDS = [
  [90, 'A'],
  [80, 'B'],
  [70, 'C'],
  [60, 'D'],
];
const gradeOf = s => BANDS.find(([min]) => s >= min)?.[1] ?? 'F';
const ERRORS = {
  error: 'dial tcp 10.0.0.1:6443: i/o timeout',
  stale: 'timeout',
};

/** Cluster i of the synthetic fleet: mostly scored, every 25th not read. */
function cluster(i) {
  const name = `cluster-${String(i).padStart(5, '0')}`;
  const owner = `group:default/team-${i % OWNERS}`;
  const system = `system:default/system-${i % SYSTEMS}`;
  const unread = i % 25 === 0;
  let state = i % 40 === 1 ? 'stale' : 'ok';
  if (unread) state = STATES[2 + (i % 3)];
  const score = unread ? null : 40 + ((i * 37) % 61);
  return {
    name,
    entityRef: `resource:default/${name}`,
    owner,
    system,
    source: 'live',
    score,
    grade: score === null ? null : gradeOf(score),
    gradeCap:
      i % 17 === 0 && score !== null
        ? { by: 'coverage', coverage: 0.7, uncapped: 'A' }
        : null,
    distribution: ['k3s', 'kubeadm', 'openshift', 'eks'][i % 4],
    coverage: unread ? null : 0.9,
    categories: unread
      ? []
      : CATEGORIES.map((id, k) => {
          const s = Math.min(100, (score ?? 0) + k * 3);
          return { id, score: s, grade: gradeOf(s) };
        }),
    counts: unread
      ? null
      : {
          fail: 3,
          warn: 4,
          unknown: 1,
          pass: 30,
          'not-applicable': 3,
          waived: 1,
        },
    evaluatedAt: unread ? undefined : '2026-11-30T10:00:00Z',
    refreshedAt: '2026-11-30T10:00:00Z',
    stale: state === 'stale',
    state,
    error: ERRORS[state],
  };
}

function grades() {
  return { A: 0, B: 0, C: 0, D: 0, F: 0, none: 0 };
}

/** `GET /fleet` over the whole synthetic fleet (what the store computes in SQL). */
function aggregates() {
  const all = {
    grades: grades(),
    states: Object.fromEntries(STATES.map(s => [s, 0])),
    stale: 0,
    capped: 0,
    sum: 0,
    scored: 0,
  };
  const rollup = key => ({
    key,
    clusters: 0,
    sum: 0,
    scored: 0,
    grades: grades(),
    stale: 0,
    unread: 0,
  });
  const owners = new Map();
  const systems = new Map();
  for (let i = 0; i < CLUSTERS; i++) {
    const c = cluster(i);
    for (const [map, key] of [
      [owners, c.owner],
      [systems, c.system],
    ]) {
      let r = map.get(key);
      if (!r) map.set(key, (r = rollup(key)));
      r.clusters++;
      r.grades[c.grade ?? 'none']++;
      if (c.score !== null) {
        r.sum += c.score;
        r.scored++;
      }
      if (c.stale) r.stale++;
      if (['pending', 'error', 'needs-user-credentials'].includes(c.state))
        r.unread++;
    }
    all.grades[c.grade ?? 'none']++;
    all.states[c.state]++;
    if (c.stale) all.stale++;
    if (c.gradeCap) all.capped++;
    if (c.score !== null) {
      all.sum += c.score;
      all.scored++;
    }
  }
  const finish = r => ({
    key: r.key,
    clusters: r.clusters,
    grades: r.grades,
    stale: r.stale,
    unread: r.unread,
    averageScore: r.scored ? Math.round(r.sum / r.scored) : null,
  });
  return {
    totalClusters: CLUSTERS,
    averageScore: all.scored ? Math.round(all.sum / all.scored) : null,
    grades: all.grades,
    states: all.states,
    stale: all.stale,
    capped: all.capped,
    owners: [...owners.values()].map(finish),
    systems: [...systems.values()].map(finish),
    mostFailedChecks: Array.from({ length: 10 }, (_, k) => ({
      checkId: `${CATEGORIES[k % 4]}.synthetic-${k}`,
      title: `Synthetic check ${k}`,
      category: CATEGORIES[k % 4],
      severity: ['critical', 'high', 'medium', 'low'][k % 4],
      failing: CLUSTERS - k * 700,
      warning: k * 11,
      waived: k * 3,
    })),
  };
}

function fakeToken() {
  const b64 = o => Buffer.from(JSON.stringify(o)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
    sub: 'user:default/guest',
    ent: ['user:default/guest'],
    exp,
  })}.sig`;
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

function serveApp(url) {
  const path = decodeURIComponent(new URL(url).pathname);
  const file = join(DIST, path);
  if (path !== '/' && file.startsWith(DIST) && existsSync(file)) {
    return {
      status: 200,
      contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    };
  }
  return {
    status: 200,
    contentType: 'text/html',
    body: readFileSync(join(DIST, 'index.html')),
  };
}

function serveApi(url, fleet, calls) {
  const { pathname, searchParams } = new URL(url);
  const json = body => ({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  if (pathname.startsWith('/api/auth/guest/refresh')) {
    const token = fakeToken();
    return json({
      profile: { displayName: 'Guest' },
      providerInfo: {},
      backstageIdentity: {
        token,
        identity: {
          type: 'user',
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: [
            'user:default/guest',
            'group:default/platform-team',
          ],
        },
      },
    });
  }
  if (pathname === '/api/cluster-readiness/clusters') {
    calls.clusters++;
    const limit = Number(searchParams.get('limit') ?? 100);
    const start = Number(searchParams.get('cursor') ?? 0);
    const items = [];
    for (let i = start; i < Math.min(CLUSTERS, start + limit); i++)
      items.push(cluster(i));
    return json({
      items,
      totalItems: CLUSTERS,
      nextCursor: start + limit < CLUSTERS ? String(start + limit) : undefined,
    });
  }
  if (pathname === '/api/cluster-readiness/fleet') {
    calls.fleet++;
    return json(fleet);
  }
  if (pathname === '/api/cluster-readiness/checks') {
    return json({
      items: fleet.mostFailedChecks.map(c => ({
        id: c.checkId,
        title: c.title,
        category: c.category,
        severity: c.severity,
        rule: `A synthetic rule for ${c.checkId}.`,
        remediation: 'https://kubernetes.io/docs/',
      })),
    });
  }
  const checkClusters = pathname.match(
    /^\/api\/cluster-readiness\/checks\/([^/]+)\/clusters$/,
  );
  if (checkClusters) {
    const limit = Number(searchParams.get('limit') ?? 50);
    const items = Array.from({ length: limit }, (_, i) => {
      const failing = i % 3 !== 2;
      return {
        cluster: cluster(i),
        status: failing ? 'fail' : 'pass',
        message: failing ? 'Not configured.' : 'Configured.',
        waiver:
          i % 7 === 0
            ? {
                check: decodeURIComponent(checkClusters[1]),
                reason: 'Accepted until the migration',
                owner: 'group:default/platform-team',
                expires: '2027-01-31',
                expired: false,
              }
            : undefined,
      };
    });
    return json({
      checkId: decodeURIComponent(checkClusters[1]),
      counts: {
        fail: 6000,
        warn: 10,
        unknown: 0,
        pass: 3990,
        'not-applicable': 0,
        waived: 1400,
      },
      items,
      totalItems: CLUSTERS,
      nextCursor: String(limit),
    });
  }
  if (pathname === '/api/permission/authorize') return json({ items: [] });
  return {
    status: 404,
    contentType: 'application/json',
    body: JSON.stringify({
      error: { name: 'NotFoundError', message: 'not in the bench' },
    }),
  };
}

/** Loads the page RUNS times with the given page size; the render measure of each. */
async function measure(page, context, PAGE_SIZE) {
  const query = PAGE_SIZE === 25 ? '' : `?pageSize=${PAGE_SIZE}`;
  const figures = [];
  for (let run = 0; run < RUNS; run++) {
    let cdp;
    if (process.env.BENCH_PROFILE) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    if (run === 0) {
      await page.goto(`${APP}/cluster-readiness${query}`);
    } else {
      await page.reload();
    }
    const handle = await page.waitForFunction(
      name => performance.getEntriesByName(name)[0]?.duration,
      MEASURE,
      { timeout: 120_000, polling: 50 },
    );
    const ms = await handle.jsonValue();
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      require('node:fs').writeFileSync(
        process.env.BENCH_PROFILE,
        JSON.stringify(profile),
      );
    }
    const rows = await page.locator('[data-testid^="cluster-row-"]').count();
    if (rows !== Math.min(PAGE_SIZE, CLUSTERS))
      throw new Error(`expected ${PAGE_SIZE} rows, saw ${rows}`);
    figures.push(ms);
    console.log(`  run ${run + 1}: ${ms.toFixed(0)} ms (${rows} rows)`);
  }
  return figures;
}

function ensureBuild() {
  if (process.env.BENCH_BUILD !== '1' && existsSync(join(DIST, 'index.html')))
    return;
  console.log('› building the app for production (yarn workspace app build)');
  const r = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the production build of the app failed');
}

async function main() {
  ensureBuild();
  const fleet = aggregates();
  const calls = { clusters: 0, fleet: 0 };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    context.setDefaultTimeout(120_000);
    // Nothing leaves the browser: the app from disk, the backend synthetic, the rest refused.
    await context.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(BACKEND))
        return route.fulfill(serveApi(url, fleet, calls));
      if (url.startsWith(APP)) return route.fulfill(serveApp(url));
      return route.abort();
    });
    await context.routeWebSocket(/.*/, ws => ws.close());
    const page = await context.newPage();
    await page.goto(`${APP}/`);
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.click();
    await page.locator('nav a[href="/cluster-readiness"]').first().waitFor();

    console.log(
      `› ${CLUSTERS} clusters, ${fleet.owners.length} owners, ${fleet.systems.length} systems`,
    );
    let pass = true;
    for (const PAGE_SIZE of PAGE_SIZES) {
      const before = { ...calls };
      const figures = await measure(page, context, PAGE_SIZE);
      const sorted = [...figures].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      const worst = sorted[sorted.length - 1];
      pass = pass && median <= TARGET_MS;
      console.log(
        `organisation page first full render after its API calls return (production build, Chromium, ${CLUSTERS} clusters, page of ${PAGE_SIZE}): ` +
          `median ${median.toFixed(0)} ms (worst ${worst.toFixed(
            0,
          )} ms of ${RUNS}) — target ≤ ${TARGET_MS} ms ${
            median <= TARGET_MS ? '✓' : '✗'
          }`,
      );
      console.log(
        `  API calls per load: ${(
          (calls.clusters - before.clusters) /
          RUNS
        ).toFixed(1)} GET /clusters, ${(
          (calls.fleet - before.fleet) /
          RUNS
        ).toFixed(1)} GET /fleet`,
      );
    }
    process.exitCode = pass ? 0 : 1;
  } finally {
    await browser.close();
  }
}

module.exports = { aggregates, serveApi, serveApp, ensureBuild, APP, BACKEND };

if (require.main === module) {
  main().catch(e => {
    console.error(`bench:org-page: ${e.message}`);
    process.exitCode = 1;
  });
}
