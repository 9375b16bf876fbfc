#!/usr/bin/env bash
# test.sh — the README's test command: set up this machine, build everything, run every test.
# Unit, integration (over real HTTP against the emulator) and browser tests all run under CTest; then the
# unit suites under sanitizers and a 20 s fuzz run per target.
# Test artifacts (screenshots, logs) land in test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh
scripts/build.sh
source scripts/env.sh
rm -rf test-artifacts && mkdir -p test-artifacts
ctest --test-dir "$SS_BUILD_NATIVE" --output-on-failure -j"$SS_JOBS" "$@"
# Issue 7.2: the engine's unit suites again under ASan+UBSan (build/asan), then a short libFuzzer run
# of every target (build/fuzz; clang, so it cannot be a CTest test of the gcc-built native tree).
scripts/test-sanitizers.sh
SS_FUZZ_SEED=1 scripts/fuzz.sh 20
echo "[test] all tests passed in $(( $(date +%s) - started )) s; artifacts in $PWD/test-artifacts"
