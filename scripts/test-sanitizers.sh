#!/usr/bin/env bash
# test-sanitizers.sh — the engine's fast unit suites (CTest labels `shared` and `exec`) built and run under
# AddressSanitizer + UndefinedBehaviorSanitizer (issue 7.2), in their own tree build/asan.
# Only the pure unit suites: the proxy, emulator and browser suites start servers and Chromium and stay in
# the plain build. Any sanitizer report fails the run (-fno-sanitize-recover=undefined, ASan aborts).
# Incremental: a warm run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
build=${SS_BUILD_ASAN:-$PWD/build/asan}
started=$(date +%s)

# Debug (-O0 -g): with the sanitizers on, -O2 -g compiled the GoogleTest files about 5x slower, for
# tests that take seconds either way; Debug also keeps assert() on (Result::value checks ok()).
# Without the AVX2 copies of the whole-file scans: the plain build's tests run those (on CPUs that have
# AVX2, as CI's do), these the baseline ones.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSTUDENT_SYNC_SANITIZE=ON -DSTUDENT_SYNC_CPU_CLONES=OFF > /dev/null
cmake --build "$build" -j"$SS_JOBS" --target shared_tests exec_tests

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Labels are anchored so a future label such as `exec-integration` is not pulled in by accident.
ctest --test-dir "$build" --output-on-failure -j"$SS_JOBS" -L '^(shared|exec)$' "$@"
echo "[sanitizers] shared + exec suites clean under ASan+UBSan in $(( $(date +%s) - started )) s"
