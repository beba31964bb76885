#!/usr/bin/env node
/*
 * Writes docs/checks.md from the check metadata in plugins/cluster-readiness-common
 * (its TypeScript sources, transpiled on load by the Backstage CLI's node transform).
 * A test in that package fails when the file is stale. Usage: yarn docs:checks
 */
const fs = require('node:fs');
const path = require('node:path');

require('@backstage/cli/config/nodeTransform.cjs');
const {
  renderChecksDoc,
} = require('../plugins/cluster-readiness-common/src/docs/renderChecksDoc');

const out = path.resolve(__dirname, '../docs/checks.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, renderChecksDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
