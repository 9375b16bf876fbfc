#!/usr/bin/env bash
# test.sh — the README's test command: set up this machine, build everything, run every test.
# Unit, integration (over real HTTP against the emulator) and browser tests all run under CTest.
# Test artifacts (screenshots, logs) land in test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh
scripts/build.sh
source scripts/env.sh
rm -rf test-artifacts && mkdir -p test-artifacts
ctest --test-dir "$SS_BUILD_NATIVE" --output-on-failure -j"$SS_JOBS" "$@"
echo "[test] all tests passed in $(( $(date +%s) - started )) s; artifacts in $PWD/test-artifacts"
