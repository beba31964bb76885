/*
 * Runs the CLI in this (fresh) process and reports its wall time and peak RSS on
 * stderr as JSON, for the benchmark.
 */
require('@backstage/cli/config/nodeTransform.cjs');

const start = process.hrtime.bigint();
const { main } = require('../src/main');

const devNull = { write: () => true };
main(['node', 'cluster-readiness', ...process.argv.slice(2)], { stdout: devNull, stderr: process.stderr }).then(code => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stderr.write(`${JSON.stringify({ code, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
});
