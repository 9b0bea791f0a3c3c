#!/bin/bash
# make bench: installs the peers (pandas and PSPP, Debian packages) when run as root, else
# prints the apt-get line and leaves the missing peer out; then runs bench/bench.py.
# usage: bench/run.sh BUILD_DIR      (BENCH_QUICK=1: the 100,000-respondent case only)
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."

missing=()
/usr/bin/python3 -c 'import pandas' 2>/dev/null || missing+=(python3-pandas)
command -v pspp >/dev/null 2>&1 || missing+=(pspp)
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
        echo "bench: installing ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2 ||
            { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2; }
    else
        echo "bench: not installed: ${missing[*]}; the peers' runs are left out. Install with:" >&2
        echo "  sudo apt-get install ${missing[*]}" >&2
    fi
fi
BUILD="$build" exec /usr/bin/python3 bench/bench.py
