#!/usr/bin/env bash
# Sourced by scripts/test.sh: when Debian's PostgreSQL is installed, start its
# cluster on this machine and point the store tests at it
# (BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING). Without it, the store tests
# run on SQLite only, and say so.
if command -v pg_lsclusters >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1)
  if [ -n "${pg_version:-}" ]; then
    if [ "$pg_status" != online ]; then
      pg_ctlcluster "$pg_version" "$pg_cluster" start >/dev/null 2>&1 || true
    fi
    su postgres -c "psql -q -p $pg_port -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 &&
      export "BACKSTAGE_TEST_DATABASE_POSTGRES${pg_version}_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:${pg_port}"
    echo "› PostgreSQL $pg_version on port $pg_port for the store tests"
  fi
else
  echo "› PostgreSQL not installed: store tests run on SQLite only (apt-get install postgresql to add it)"
fi
