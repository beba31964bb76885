require('@backstage/cli/config/nodeTransform.cjs');
const { readSnapshot } = require('/work/main/plugins/cluster-readiness-node/src');
const { evaluate } = require('/work/main/plugins/cluster-readiness-common/src');
(async () => {
  let t = Date.now();
  const s = await readSnapshot('/work/main/.bench/synthetic-30000-pods.json');
  console.log('read', Date.now() - t); t = Date.now();
  const r = evaluate(s);
  console.log('eval', Date.now() - t); t = Date.now();
  JSON.stringify(r, null, 2);
  console.log('stringify', Date.now() - t);
})();
