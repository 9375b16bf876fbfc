#!/usr/bin/env bash
# fuzz.sh [SECONDS] — build the libFuzzer targets (fuzz/) with Debian's clang in build/fuzz and run each
# for SECONDS (default 300, the longer run on demand; scripts/test.sh runs `fuzz.sh 20`).
#
# Seeds come from fuzz/corpus/<target>/ (checked in, copied from ../shared/fixtures and csv-spectrum);
# what a run discovers goes to build/fuzz/corpus/<target>/, so the checked-in corpus stays small and
# reviewed. A crash, leak, sanitizer report or a failed property check stops the run with a non-zero exit;
# the reproducer is left in build/fuzz/artifacts/ and replays with
#   build/fuzz/fuzz/<target> build/fuzz/artifacts/<file>
# Environment: SS_FUZZ_TARGETS="fuzz_import ..." to run a subset; SS_FUZZ_BUILD to use another tree;
# SS_FUZZ_SEED=N fixes libFuzzer's seed (the test command does, so CI explores the same inputs each run
# and a finding there replays; on-demand runs take a fresh seed and explore further).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
seconds=${1:-300}
build=${SS_FUZZ_BUILD:-$PWD/build/fuzz}
targets=(${SS_FUZZ_TARGETS:-fuzz_import fuzz_search_response fuzz_proxy_static_path})

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTUDENT_SYNC_FUZZ=ON > /dev/null
fi
cmake --build "$build" -j"$SS_JOBS" --target "${targets[@]}"

# Corpus folder and dictionary of each target (file names under fuzz/).
declare -A corpus=([fuzz_import]=import [fuzz_search_response]=search_response [fuzz_proxy_static_path]=proxy_static_path)
declare -A dict=([fuzz_import]=import.dict [fuzz_search_response]=search_response.dict)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$build/artifacts"
for t in "${targets[@]}"; do
  work="$build/corpus/${corpus[$t]}"
  mkdir -p "$work"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
        -artifact_prefix="$build/artifacts/$t-")
  [ -n "${dict[$t]:-}" ] && args+=(-dict="fuzz/${dict[$t]}")
  [ -n "${SS_FUZZ_SEED:-}" ] && args+=(-seed="$SS_FUZZ_SEED")
  echo "[fuzz] $t for ${seconds} s"
  log="$build/$t.log"
  if ! "$build/fuzz/$t" "${args[@]}" "$work" "fuzz/corpus/${corpus[$t]}" > "$log" 2>&1; then
    tail -n 60 "$log"
    echo "[fuzz] $t FAILED; reproducer(s): $(ls "$build/artifacts" | grep "^$t-" | tr '\n' ' ')" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$log" | tr '\n' ' '; echo
done
echo "[fuzz] ${#targets[@]} target(s) ran ${seconds} s each without a finding"
