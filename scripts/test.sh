#!/usr/bin/env bash
# Type check, lint and every package's tests; ends with "N passed, N failed".
# Run through `make test` (which installs what is missing first).
set -u
cd "$(dirname "$0")/.."
failed_steps=()
report=$(mktemp -d)/jest.json

echo "› type check"
yarn tsc || failed_steps+=("type check")

echo "› lint"
yarn backstage-cli repo lint || failed_steps+=("lint")

. scripts/postgres.sh

echo "› unit and integration tests"
CI=true yarn backstage-cli repo test --ci --json --outputFile="$report" || failed_steps+=("tests")

passed=0
failed=0
if [ -s "$report" ]; then
  read -r passed failed < <(node -e '
    const r = require(process.argv[1]);
    console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
  ' "$report")
fi

if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "✗ failed: ${failed_steps[*]}"
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
