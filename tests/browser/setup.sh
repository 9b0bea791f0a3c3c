#!/usr/bin/env bash
# setup.sh - makes sure the browser tests have what they need: Debian's chromium (driven over a
# pipe by cdp.py) and axe-core from the npm registry at the version in package-lock.json
# (npm ci --ignore-scripts: nothing else is fetched, no browser is downloaded). Installs what is
# missing when run as root (as make demo installs the run-time packages); otherwise prints the
# exact commands and fails. Test-only: ceo itself never needs any of this.
set -u
cd "$(dirname "$0")"
need=()
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing for the browser tests: ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; } || exit 1
  else
    echo "the browser tests need: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null \
   && ! { [ -f node_modules/axe-core/axe.min.js ] && grep -q '"version": "'"$(sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' package.json)"'"' node_modules/axe-core/package.json; }; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
    || { echo "npm ci in tests/browser failed (the npm registry is needed once)" >&2; exit 1; }
fi
exit 0
