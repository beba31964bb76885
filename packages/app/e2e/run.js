/* eslint-disable no-console */
/*
 * Browser tests of the portal with the demo data, in headless Chromium (Debian's, via
 * playwright-core). Run by scripts/e2e.sh, which starts the portal. Screenshots of
 * every view go to e2e-screenshots/ (git-ignored). Ends with "N passed, N failed".
 */
const { mkdirSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { chromium } = require('playwright-core');

const APP = process.env.APP_URL ?? 'http://localhost:3000';
const BACKEND = process.env.BACKEND_URL ?? 'http://localhost:7007';
const SHOTS = resolve(__dirname, '../../../e2e-screenshots');
const DEMO_CLUSTERS = ['prod-eu-1', 'prod-us-1', 'staging-1', 'dev-1', 'edge-1'];
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
/** Impacts that fail a page's accessibility check. */
const BLOCKING_IMPACTS = ['serious', 'critical'];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitFor(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** The portal answers and every demo cluster has a report. */
async function waitForDemo() {
  await waitFor('the app on :3000', async () => (await fetch(APP)).ok, 300_000);
  return waitFor(
    'reports of the demo clusters',
    async () => {
      const { backstageIdentity } = await (await fetch(`${BACKEND}/api/auth/guest/refresh`)).json();
      const res = await fetch(`${BACKEND}/api/cluster-readiness/clusters`, {
        headers: { Authorization: `Bearer ${backstageIdentity.token}` },
      });
      const { items } = await res.json();
      const ready = items.filter(c => c.state === 'ok').map(c => c.name);
      return DEMO_CLUSTERS.every(n => ready.includes(n)) && items;
    },
    180_000,
  );
}

/**
 * Runs axe-core on the page's content (the plugin's page or the entity page; the
 * portal's sidebar is not ours) and fails on any serious or critical violation,
 * naming each rule and the first elements it found.
 */
async function checkAccessibility(page, name) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE_SOURCE });
  }
  const violations = await page.evaluate(async () => {
    const context = document.querySelector('main') ? { include: [['main']] } : document;
    const results = await window.axe.run(context, { resultTypes: ['violations'] });
    return results.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    }));
  });
  const blocking = violations.filter(v => BLOCKING_IMPACTS.includes(v.impact));
  for (const v of violations.filter(x => !blocking.includes(x))) {
    console.log(`      (axe ${v.impact} on ${name}: ${v.id} — ${v.help})`);
  }
  assert(
    blocking.length === 0,
    `accessibility of ${name}: ${blocking
      .map(v => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`)
      .join('; ')}`,
  );
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('guest sign-in shows the catalog with the demo clusters', async page => {
  await page.goto(APP);
  // A fresh dev server compiles the app on the first request.
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 180_000 });
  await page.locator('nav a[href="/cluster-readiness"]').first().waitFor({ timeout: 60_000 });
  // The guest is a member of platform-team, so the catalog would open on "Owned".
  await page.goto(`${APP}/catalog?filters[kind]=resource&filters[user]=all`);
  await page.getByText('staging-1').first().waitFor();
  for (const name of DEMO_CLUSTERS) {
    assert(await page.getByText(name, { exact: true }).first().isVisible(), `catalog lists ${name}`);
  }
  await page.screenshot({ path: `${SHOTS}/catalog.png` });
});

test("a cluster's Readiness tab shows its grade and a failing check", async page => {
  await page.goto(`${APP}/catalog/default/resource/staging-1`);
  await page.getByRole('link', { name: 'Readiness', exact: true }).click();
  await page.getByText('Readiness of staging-1').waitFor();
  await page.getByLabel('Grade F').first().waitFor();
  await page.getByText('Checks (', { exact: false }).first().waitFor();
  await page.getByText('control-plane.apiserver-replicas').first().waitFor();
  assert((await page.getByText('Fail', { exact: true }).count()) > 0, 'a failing check is listed');
  await page.screenshot({ path: `${SHOTS}/cluster-readiness-tab.png` });
  await checkAccessibility(page, "the cluster's Readiness tab");
});

test("a cluster's overview card shows its score and worst findings", async page => {
  await page.goto(`${APP}/catalog/default/resource/prod-us-1`);
  await page.getByText('Cluster readiness', { exact: false }).first().waitFor();
  await page.getByText('88').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/cluster-overview-card.png` });
});

test("a component's tab shows the clusters it runs on and its own workloads", async page => {
  await page.goto(`${APP}/catalog/default/component/checkout`);
  await page.getByRole('button', { name: 'Deployment' }).click();
  await page.getByText('Cluster readiness', { exact: true }).last().click();
  await page.getByText('Clusters (2)').waitFor();
  for (const name of ['prod-eu-1', 'prod-us-1']) {
    assert(await page.getByRole('link', { name }).first().isVisible(), `checkout runs on ${name}`);
  }
  await page.getByText('Workloads on prod-eu-1').waitFor();
  await page.screenshot({ path: `${SHOTS}/component-tab.png` });
  await checkAccessibility(page, "the component's Cluster readiness tab");
});

test("a team's card rolls up its clusters", async page => {
  await page.goto(`${APP}/catalog/default/group/platform-team`);
  await page.getByText('prod-eu-1').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/group-card.png` });
  await checkAccessibility(page, "the group page with its readiness card");
});

test('the organisation page lists every cluster and filters by grade', async page => {
  await page.goto(APP);
  // Reached from the sidebar.
  await page.locator('nav a[href="/cluster-readiness"]').first().click();
  await page.getByText('Clusters (5)').waitFor();
  // edge-1 is read with limited RBAC (coverage 59 %): its grade is capped, and says so.
  const edge = page.locator('table').first().locator('tbody tr', { hasText: 'edge-1' });
  await edge.getByText(/capped by coverage \d+ %/).first().waitFor();
  await page.getByRole('region', { name: 'Most-failed checks', exact: true }).waitFor();
  await page.screenshot({ path: `${SHOTS}/organisation.png` });
  await checkAccessibility(page, 'the organisation page');
  await page.getByRole('button', { name: 'Grade F' }).click();
  await page.getByText('Clusters (2 of 5)').waitFor();
  const rows = await page.locator('table').first().locator('tbody tr').allTextContents();
  assert(rows.some(r => r.includes('staging-1')) && rows.some(r => r.includes('dev-1')), 'F clusters shown');
  assert(!rows.some(r => r.includes('prod-eu-1')), 'A clusters filtered out');
  await page.screenshot({ path: `${SHOTS}/organisation-grade-f.png` });
  await page.getByRole('tab', { name: 'Checks' }).click();
  await page.getByText('control-plane.etcd-quorum').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/check-catalog.png` });
  await checkAccessibility(page, 'the check catalog');
});

test('the organisation page keeps its filters in the URL and pages on the server', async page => {
  await page.goto(`${APP}/cluster-readiness?grade=F&sort=name&order=asc`);
  await page.getByText('Clusters (2 of 5)').waitFor();
  const rows = await page.locator('table').first().locator('tbody tr').allTextContents();
  assert(rows.length === 2 && rows[0].includes('dev-1') && rows[1].includes('staging-1'), `F clusters by name: ${rows}`);
  assert(
    (await page.getByRole('button', { name: 'Grade F' }).getAttribute('aria-pressed')) === 'true',
    'the grade filter shows the URL',
  );
  await page.locator('#cluster-readiness-search').fill('staging');
  await page.getByText('Clusters (1 of 5)').waitFor();
  assert(new URL(page.url()).searchParams.get('q') === 'staging', 'the search is in the URL');
});

test("a check's page is reached from the most-failed checks and lists every cluster's result", async page => {
  await page.goto(`${APP}/cluster-readiness`);
  const failed = page.getByRole('region', { name: 'Most-failed checks', exact: true });
  const first = failed.getByRole('link').first();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByRole('region', { name: 'About this check' }).getByText('Rule').waitFor();
  await page.getByRole('group', { name: 'Status counts' }).waitFor();
  const results = page.getByRole('region', { name: 'Results by cluster' });
  await results.locator('tbody tr').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/check-page.png` });
  await checkAccessibility(page, "a check's page");
  // and from the Checks tab
  await page.getByRole('link', { name: '← All checks' }).click();
  await page.getByText('control-plane.etcd-quorum').first().waitFor();
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('heading', { name: title }).waitFor();
});

test("a team member sees a notification when a demo cluster's grade drops", async page => {
  // prod-eu-1 belongs to platform-team, of which the demo guest is a member. Push a
  // degraded snapshot of it (staging-1's findings) as an air-gapped cluster would.
  const worse = JSON.parse(readFileSync(resolve(__dirname, '../../../examples/snapshots/staging-1.json'), 'utf8'));
  worse.cluster.name = 'prod-eu-1';
  worse.collectedAt = new Date().toISOString();
  const pushed = await fetch(`${BACKEND}/api/cluster-readiness/snapshots`, {
    method: 'POST',
    headers: { Authorization: 'Bearer demo-snapshot-pusher-token', 'Content-Type': 'application/json' },
    body: JSON.stringify(worse),
  });
  assert(pushed.status === 201, `snapshot pushed (HTTP ${pushed.status})`);
  try {
    await page.goto(`${APP}/notifications`);
    await page.getByText(/Cluster prod-eu-1: readiness grade dropped from [A-E] to [B-F]/).first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/notification-grade-dropped.png` });
  } finally {
    // Back to its snapshot file, as the next scheduled refresh would do.
    const { backstageIdentity } = await (await fetch(`${BACKEND}/api/auth/guest/refresh`)).json();
    await fetch(`${BACKEND}/api/cluster-readiness/clusters/prod-eu-1/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${backstageIdentity.token}` },
    });
  }
});

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const clusters = await waitForDemo();
  console.log(`› portal ready: ${clusters.map(c => `${c.name} ${c.grade}`).join(', ')}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    const start = Date.now();
    try {
      await fn(page);
      passed++;
      console.log(`  ✓ ${name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${name}\n      ${String(e.message).split('\n')[0]}`);
      await page.screenshot({ path: `${SHOTS}/FAILED-${tests.indexOf(tests.find(t => t.name === name))}.png` }).catch(() => {});
    }
  }
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(e => {
  console.error(`e2e: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
