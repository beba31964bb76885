#!/usr/bin/env bash
# `make start`: the portal with the demo. A demo cluster (examples/snapshots/dev-1.json)
# is served as a live Kubernetes API on https://127.0.0.1:6443 by the project's test
# API server, so the backend reads it through @backstage/plugin-kubernetes-backend like
# any real cluster; the other demo clusters are snapshot files (app-config.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
demo_dir=.tools/demo-cluster
rm -f "$demo_dir/ca.pem"
node packages/kube-api-test-server/bin/serve-snapshot examples/snapshots/dev-1.json \
  --port 6443 --token demo-reader-token \
  --ca-out "$demo_dir/ca.pem" --kubeconfig-out "$demo_dir/kubeconfig" &
demo_pid=$!
trap 'kill $demo_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$demo_dir/ca.pem" ] && break
  kill -0 $demo_pid 2>/dev/null || { echo "the demo cluster did not start" >&2; exit 1; }
  sleep 0.2
done
echo "› demo cluster dev-1 on https://127.0.0.1:6443 (kubeconfig: $demo_dir/kubeconfig)"
yarn start
