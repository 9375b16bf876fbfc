#!/usr/bin/env bash
# bench-sync.sh — the sync rows of the benchmark (issue 7.5), measured side by side in one run: API calls
# of a 1,000-row sync (ours vs the plan's lower bound vs the naive one-call-per-row strategy), wall time
# of 1,000 / 10,000 / 100,000 rows at 100 ms added latency with rate limits on (naive extrapolated from a
# sample), and the bytes of the first page load. Prints a markdown table and writes it to
# docs/benchmarks-sync.md (the checked-in current figures). Not part of the test command: it runs for
# several minutes. The logic is tests/stress/bench_sync.js; the naive driver tests/stress/naive_sync.js.
#
# Env: SS_BENCH_SYNC_BUILD (Release tree to build and use, default build/bench-sync), SS_BENCH_SYNC_SIZES
# (1000,10000,100000), SS_BENCH_NAIVE_SAMPLE (100 rows), SS_BENCH_LATENCY_MS (100), SS_BENCH_SYNC_OUT,
# SS_PAGE_DIR (the built page, default build/wasm/page).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
build=${SS_BENCH_SYNC_BUILD:-$PWD/build/bench-sync}
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" -j"$SS_JOBS" --target feishu-emulator student-sync-proxy student-sync >&2
export SS_EMULATOR_BIN=$build/emulator/feishu-emulator
export SS_PROXY_BIN=$build/proxy/student-sync-proxy
export SS_CLI_BIN=$build/cli/student-sync
exec node tests/stress/bench_sync.js
