#!/usr/bin/env bash
# Browser tests against the running portal with the demo data: starts the portal the
# way `make start` does (unless one already answers on :3000 and :7007), waits for the
# demo clusters' reports, runs packages/app/e2e in headless Chromium, then stops what
# it started. Prints "N passed, N failed" like the other test steps.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
chromium_bin=$(command -v chromium || true)
if [ -z "$chromium_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  chromium_bin=$(command -v chromium || true)
fi
if [ -z "$chromium_bin" ]; then
  echo "✗ browser tests need Debian's chromium (apt-get install chromium)"
  echo "0 passed, 1 failed"
  exit 1
fi

started=""
if ! curl -sf http://localhost:7007/api/cluster-readiness/health >/dev/null 2>&1 ||
   ! curl -sf http://localhost:3000 >/dev/null 2>&1; then
  echo "› starting the portal (scripts/start.sh), log in .tools/e2e-portal.log"
  mkdir -p .tools
  setsid bash scripts/start.sh > .tools/e2e-portal.log 2>&1 &
  started=$!
fi
cleanup() {
  if [ -n "$started" ]; then
    kill -TERM -- "-$started" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$started" 2>/dev/null || true
  fi
}
trap cleanup EXIT

CHROMIUM="$chromium_bin" node packages/app/e2e/run.js
