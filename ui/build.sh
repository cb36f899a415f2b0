#!/usr/bin/env bash
# ui/build.sh — builds the officer UI into ui/dist/. serving's pom runs it (generate-resources)
# and copies dist/ into the serving jar under classpath ui/. Installs the locked packages with
# the machine's npm (`npm ci`) only when package-lock.json changed, and rebuilds only when a
# source is newer than the last build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "ui/build.sh: Node.js 20.19+ with npm is required to build the officer UI (apt-get install nodejs npm, or nodesource)." >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "ui/build.sh: Node $(node -v) is too old for vite 7; install Node 20.19 or newer." >&2
  exit 1
fi

stamp=node_modules/.policyreach-lock.sha256
want="$(sha256sum package-lock.json | cut -c1-64)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "ui/build.sh: installing the locked front-end packages (npm ci)"
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

if [ -f dist/index.html ] && [ -z "$(find src index.html package-lock.json vite.config.ts tsconfig.json -newer dist/index.html -print -quit)" ]; then
  echo "ui/build.sh: ui/dist is up to date"
  exit 0
fi
echo "ui/build.sh: building ui/dist (vite)"
npm run --silent build
