#!/usr/bin/env bash
# build.sh — build both configurations: native (engine, proxy, emulator, CLI, tests) and wasm (the page).
# Incremental: a warm rebuild only recompiles what changed. Assumes scripts/setup.sh has run.
# `build.sh --demo` builds only what the demo runs (emulator, proxy, CLI, page), not the test suites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
build_type=${SS_BUILD_TYPE:-RelWithDebInfo}

[ -f "$SS_BUILD_NATIVE/CMakeCache.txt" ] || cmake -S . -B "$SS_BUILD_NATIVE" -DCMAKE_BUILD_TYPE="$build_type" > /dev/null
native_targets=()
[ "${1:-}" = --demo ] && native_targets=(--target feishu-emulator student-sync-proxy student-sync)
cmake --build "$SS_BUILD_NATIVE" -j"$SS_JOBS" "${native_targets[@]}"

[ -f "$SS_BUILD_WASM/CMakeCache.txt" ] || emcmake cmake -S . -B "$SS_BUILD_WASM" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$SS_BUILD_WASM" -j"$SS_JOBS"
# The engine's unit suites as wasm (run under node by CTest): not needed for the demo.
[ "${1:-}" = --demo ] || cmake --build "$SS_BUILD_WASM" -j"$SS_JOBS" --target shared_tests_wasm exec_tests_wasm
