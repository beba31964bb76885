/* eslint-disable no-console */
/*
 * `yarn e2e:axe-offline`: axe-core in headless Chromium on the organisation page (plain
 * and filtered), the check catalog and a check's page of the production build, with the
 * backend answered inside the browser by the synthetic fleet of `yarn bench:org-page`
 * (no server, no port, so it runs beside a portal on 3000/7007). Fails on any serious
 * or critical violation; prints the others. The browser tests (`scripts/e2e.sh`) run
 * the same check against the real portal, entity pages included.
 */
const { chromium } = require('playwright-core');
const {
  aggregates,
  serveApi,
  serveApp,
  ensureBuild,
  APP,
  BACKEND,
} = require('../bench/org-page');

const PAGES = [
  ['the organisation page', '/cluster-readiness', 'Most-failed checks'],
  [
    'the organisation page, filtered',
    '/cluster-readiness?grade=F&grade=none&state=error&sort=name',
    'Most-failed checks',
  ],
  ['the check catalog', '/cluster-readiness/checks', 'How grades are made'],
  [
    "a check's page",
    '/cluster-readiness/checks/control-plane.synthetic-0',
    'Results by cluster',
  ],
];

async function main() {
  ensureBuild();
  const fleet = aggregates();
  const calls = { clusters: 0, fleet: 0 };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  let failed = 0;
  try {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    context.setDefaultTimeout(120_000);
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
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.locator('nav a[href="/cluster-readiness"]').first().waitFor();
    for (const [name, path, region] of PAGES) {
      await page.goto(`${APP}${path}`);
      await page.getByRole('region', { name: region }).first().waitFor();
      // the page with its data, not its progress bar
      await page.locator('table tbody tr').first().waitFor();
      await page.getByRole('progressbar').waitFor({ state: 'detached' });
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const scope = document.querySelector('main')
          ? { include: [['main']] }
          : document;
        const results = await window.axe.run(scope, {
          resultTypes: ['violations'],
        });
        return results.violations.map(v => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
        }));
      });
      const blocking = violations.filter(v =>
        ['serious', 'critical'].includes(v.impact),
      );
      console.log(
        `  ${blocking.length ? '✗' : '✓'} ${name} (${path}): ${
          blocking.length
        } serious or critical violation(s)`,
      );
      for (const v of violations) {
        console.log(
          `      ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`,
        );
      }
      if (blocking.length) failed++;
    }
  } finally {
    await browser.close();
  }
  console.log(`${PAGES.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(e => {
  console.error(`e2e:axe-offline: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
