#!/usr/bin/env bash
# The test command: on a fresh Debian 12 machine, install what the tests
# need, configure, build, run every test, and end with "N passed, N failed".
# Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test || { echo "0 passed, 1 failed"; exit 1; }

builddir=${BUILDDIR:-build}
if [ -f "$builddir/build.ninja" ]; then
	meson setup --reconfigure "$builddir" -Dwireshark=enabled >/dev/null
else
	meson setup "$builddir" -Dwireshark=enabled >/dev/null
fi || { echo "meson setup failed"; echo "0 passed, 1 failed"; exit 1; }
meson compile -C "$builddir" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
status=$?
python3 scripts/test-summary.py "$builddir/meson-logs/testlog.json"
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
