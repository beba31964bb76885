#!/usr/bin/env bash
# Type check, lint and every package's tests; ends with "N passed, N failed".
# Run through `make test` (which installs what is missing first).
set -u
cd "$(dirname "$0")/.."
failed_steps=()
report_dir=$(mktemp -d)
report=$report_dir/jest.json
backend_report=$report_dir/backend.json

echo "› type check"
yarn tsc || failed_steps+=("type check")

echo "› lint"
yarn backstage-cli repo lint || failed_steps+=("lint")

echo "› API reports (yarn build:api-reports regenerates them)"
yarn test:api-reports || failed_steps+=("API reports")

. scripts/postgres.sh

echo "› unit and integration tests"
# The backend's integration test (integration.test.ts) runs the real
# @backstage/plugin-kubernetes-backend, which loads the ESM-only @kubernetes/client-node
# with import(): under Jest that needs --experimental-vm-modules, which in turn breaks
# require() of ESM that the other tests rely on. So it runs on its own, with the flag.
backend_project=@cluster-readiness/backstage-plugin-backend
jest_log=$report_dir/jest.log
CI=true yarn backstage-cli repo test --ci --json --outputFile="$report" \
  --testPathIgnorePatterns 'integration\.test\.ts$' 2>&1 | tee "$jest_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_steps+=("tests")
CI=true NODE_OPTIONS=--experimental-vm-modules yarn backstage-cli repo test --ci --json \
  --outputFile="$backend_report" --selectProjects "$backend_project" \
  --testPathPatterns 'integration\.test\.ts$' 2>&1 | tee -a "$jest_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_steps+=("integration tests")
# Every test closes what it opens: a Jest worker that had to be force-exited (a
# server, socket, timer, pool or database connection left open) fails the run. Jest
# waits 10 s for a worker to exit, not its own 500 ms (.yarn/patches/jest-worker-*):
# on a busy machine tearing down a large worker can take longer than 500 ms although
# nothing is open, while a worker held by a leaked handle never exits.
if grep -qE 'failed to exit gracefully|Jest did not exit' "$jest_log"; then
  echo "✗ a test left something open (a Jest worker was force-exited); run the suspect"
  echo "  package's tests with --detectOpenHandles"
  failed_steps+=("open handles")
fi

passed=0
failed=0
for r in "$report" "$backend_report"; do
  if [ -s "$r" ]; then
    read -r p f < <(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
    ' "$r")
    passed=$((passed + p))
    failed=$((failed + f))
  fi
done

echo "› browser tests (packages/app/e2e)"
e2e_log=$(mktemp)
bash scripts/e2e.sh 2>&1 | tee "$e2e_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_steps+=("browser tests")
if read -r p _ f _ < <(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$e2e_log" | tail -n 1); then
  passed=$((passed + p))
  failed=$((failed + f))
fi

if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "✗ failed: ${failed_steps[*]}"
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
