#!/usr/bin/env bash
# bench.sh — the benchmark command (issue 7.5): builds what it measures, runs every row side by side in
# this one run, prints a table and writes it to docs/benchmarks.md (the checked-in current figures);
# then runs scripts/bench-sync.sh for the sync rows (docs/benchmarks-sync.md).
#
# One function per row (row_*): each appends table lines `| benchmark | measured | target | met? |` to
# $rows_md and free text to $details_md. To add a row, write a function and add it to `rows` below.
# SS_BENCH_RUNS sets the timed runs per measurement (15); SS_BENCH_OUT another output file. Why 15:
# the fastest of 5 papaparse runs still moved with other tenants' load by a quarter between runs of this
# script an hour apart (158 to 207 ms); a run is 0.2 s, and more of them find a quiet moment more often.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
root=$PWD
bench_dir=$root/build/bench            # native Release tree, the generated export and the row outputs
wasm_dir=$root/build/wasm-bench        # wasm Release tree (not build/wasm: that one builds the page)
runs=${SS_BENCH_RUNS:-15}
out=${SS_BENCH_OUT:-$root/docs/benchmarks.md}
rows_md=$bench_dir/rows.md
details_md=$bench_dir/details.md
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

# --- inputs and builds ------------------------------------------------------------------------------
# The 100,000-row export of issue 4, deterministic for its seed; regenerated only when the generator or
# its arguments change. Never committed.
big_csv=$bench_dir/big.csv
big_args=(--rows 100000 --users 30000 --courses 40 --quirks --seed 7)
make_big_csv() {
  mkdir -p "$bench_dir"
  local stamp="${big_args[*]} $(sha256sum "$STUDENT_SYNC_FIXTURES_DIR/make_exports.py" | cut -c1-16)"
  if [ ! -f "$big_csv" ] || [ "$(cat "$big_csv.args" 2>/dev/null)" != "$stamp" ]; then
    log "generating $big_csv (make_exports.py ${big_args[*]})"
    python3 "$STUDENT_SYNC_FIXTURES_DIR/make_exports.py" "${big_args[@]}" --out "$big_csv"
    echo "$stamp" > "$big_csv.args"
  fi
}

# Two native builds of the same code: the release build the targets are judged on (-O3 with
# profile-guided optimisation, GCC) and the plain -O3 build, reported beside it. The profile comes from
# `student-sync plan` run on other exports than the one measured (other seeds, sizes, layouts and
# encodings, and the shared fixtures), so the build is not tuned to the benchmark's file.
pgo_train_dir=$root/build/bench-pgo-train  # instrumented build; its profile in $pgo_train_dir/profile
pgo_dir=$root/build/bench-pgo              # the release build, compiled with that profile
build_native() {
  [ -f "$bench_dir/CMakeCache.txt" ] || cmake -S . -B "$bench_dir" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$bench_dir" -j"$SS_JOBS" --target engine_bench >&2

  local profile=$pgo_train_dir/profile
  cmake -S . -B "$pgo_train_dir" -DCMAKE_BUILD_TYPE=Release -DSTUDENT_SYNC_PGO=generate \
    -DSTUDENT_SYNC_PGO_DIR="$profile" > /dev/null
  cmake --build "$pgo_train_dir" -j"$SS_JOBS" --target student-sync >&2
  rm -rf "$profile"
  local train=$pgo_train_dir/exports
  mkdir -p "$train"
  log "PGO training: student-sync plan on exports other than $(basename "$big_csv")"
  local gen=$STUDENT_SYNC_FIXTURES_DIR/make_exports.py
  python3 "$gen" --rows 40000 --users 12000 --courses 25 --quirks --seed 11 --out "$train/quirks.csv"
  python3 "$gen" --rows 10000 --users 3000 --courses 12 --seed 12 --layout xiaoe-orders --out "$train/orders.csv"
  python3 "$gen" --rows 5000 --users 2000 --courses 8 --quirks --encoding gbk --seed 13 --out "$train/gbk.csv"
  for f in "$train"/*.csv "$STUDENT_SYNC_FIXTURES_DIR/sample.csv" "$STUDENT_SYNC_FIXTURES_DIR/excel_unicode_text.csv"; do
    "$pgo_train_dir/cli/student-sync" plan "$f" --json > /dev/null
  done

  cmake -S . -B "$pgo_dir" -DCMAKE_BUILD_TYPE=Release -DSTUDENT_SYNC_PGO=use -DSTUDENT_SYNC_PGO_DIR="$profile" > /dev/null
  # From scratch: an object compiled with an older profile would not be rebuilt for a new one.
  cmake --build "$pgo_dir" -j"$SS_JOBS" --target engine_bench --clean-first >&2
}

build_wasm() {
  [ -f "$wasm_dir/CMakeCache.txt" ] || emcmake cmake -S . -B "$wasm_dir" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$wasm_dir" -j"$SS_JOBS" --target student_sync_bench >&2
}

# --- rows -----------------------------------------------------------------------------------------
# Parse+plan throughput: wasm and native vs papaparse, in one node process (bench/parse_bench.js).
row_parse_plan() {
  log "parse+plan: papaparse, wasm and native on $(basename "$big_csv") ($runs runs each)"
  local json=$bench_dir/parse_plan.json
  node --no-experimental-fetch bench/parse_bench.js --file "$big_csv" --runs "$runs" --json "$json" \
    --wasm "$wasm_dir/bench/student_sync_bench.js" --native "$pgo_dir/bench/engine_bench" \
    --native-plain "$bench_dir/bench/engine_bench" >&2
  python3 - "$json" >> "$rows_md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ok = lambda b: "yes" if b else "**no**"
mb = r["file_bytes"] / 1e6
p, w, n, m = r["papaparse"], r["wasm"], r["native"], r["memory"]
def rate(v): return f"{v['MBps']:.1f} MB/s, {v['rows_per_s']/1e3:.0f}k rows/s"
print(f"| parse, papaparse (reference), {r['data_rows']:,} rows / {mb:.1f} MB | {rate(p)} | — | — |")
print(f"| parse+plan, wasm under node | {rate(w)} = **{r['ratio_wasm_vs_papaparse']:.2f}× papaparse** (wall clock: {r['wall_ratio_wasm_vs_papaparse']:.2f}×) | ≥ 4× | {ok(r['ratio_wasm_vs_papaparse'] >= 4)} |")
print(f"| parse+plan, native (release build: -O3, PGO) | {rate(n)} = **{r['ratio_native_vs_papaparse']:.2f}× papaparse** (wall clock: {r['wall_ratio_native_vs_papaparse']:.2f}×) | ≥ 10× | {ok(r['ratio_native_vs_papaparse'] >= 10)} |")
print(f"| parse+plan, native without PGO (-O3 only) | {rate(r['native_plain'])} = {r['ratio_native_plain_vs_papaparse']:.2f}× papaparse | — | — |")
print(f"| peak memory of parse+plan, wasm (the page) | {w['peak_heap_bytes']/1e6:.1f} MB heap = **{w['peak_heap_per_file_byte']:.2f}× the file** | ≤ 3× | {ok(w['peak_heap_per_file_byte'] <= 3)} |")
print(f"| peak memory of parse+plan, native (64-bit pointers) | {m['peak_heap_bytes']/1e6:.1f} MB heap = **{m['peak_heap_per_file_byte']:.2f}× the file** | ≤ 3× | {ok(m['peak_heap_per_file_byte'] <= 3)} |")
PY
  python3 - "$json" >> "$details_md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
p, w, n, m = r["papaparse"], r["wasm"], r["native"], r["memory"]
ms = lambda xs: ", ".join(f"{x:.0f}" for x in xs)
print(f"### parse+plan ({r['file']}, {r['file_bytes']:,} bytes, {r['data_rows']:,} data rows; node {r['node']}; "
      f"load average during the run {r['loadavg'][0]:.1f})")
print()
print("| | CPU time (fastest run) | MB/s (CPU) | rows/s (CPU) | wall time | MB/s (wall) | median CPU time |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, v in (("papaparse", p), ("wasm", w), ("native", n), ("native without PGO", r["native_plain"])):
    print(f"| {name} | {v['cpu_ms']:.1f} ms | {v['MBps']:.1f} | {v['rows_per_s']:,.0f} | {v['wall_ms']:.0f} ms | {v['wall_MBps']:.1f} | {v['median_cpu_ms']:.1f} ms |")
print()
print("- Clocks: CPU time of the process (node: `process.cpuUsage()`, all threads, so V8's GC helpers count "
      "for papaparse; native: Google Benchmark's cpu_time) is what one dedicated core would take, not what "
      "other processes took; targets are judged on it. Other tenants of the host still inflate it through the "
      "caches and memory they share, papaparse (allocation-heavy) more than the engine: over the runs of "
      "this script on 2026-11-27 papaparse's fastest run took 158 to 209 ms, so a ratio measured under "
      "load flatters the engine. The runs at its quietest are the test: in the eight runs of that day's "
      "last engines (release build 15.1 to 15.9 ms) the ratio was 10.30× to 13.40×, the lowest two at "
      "papaparse's 159.0 and 161.2 ms (10.30×, 10.65×). Wall time is shown beside it; on an idle "
      "machine the two agree. Each side is judged by its fastest run: load only adds time, and the same "
      "statistic on both sides keeps a burst of load during one side's runs out of the ratio (medians are "
      "shown too).")
print(f"- papaparse: `Papa.parse(text, {{header: true, skipEmptyLines: true}})` on the already decoded string "
      f"(decoding not charged to it; parsing only, no validation or plan). CPU ms per run: {ms(p['all_cpu_ms'])}.")
print(f"- wasm: copy into the heap + decode + parse + map + normalise + plan against empty tables, the same work "
      f"as the page, after three warm-up runs (V8 compiles hot wasm again on background threads, which the CPU "
      f"clock would otherwise charge to whichever run it lands in). CPU ms per run: {ms(w['all_cpu_ms'])}. Peak "
      f"live heap during one run {w['peak_heap_bytes']/1e6:.1f} MB ({w['peak_heap_per_file_byte']:.2f}× the file: "
      f"the engine's copy of the file, rows, plan and indexes; the buffer the script filled not counted); linear "
      f"memory after the runs {w['linear_memory_bytes']/1e6:.0f} MB (allocator high-water mark of all runs).")
print(f"- native: `engine_bench` BM_ImportAndPlan, the fastest of 10 repetitions (each the mean of "
      f"many iterations; two runs of 5, alternating with the build without PGO), run from the same node script after the JS runs. The release build: -O3 with GCC's "
      f"profile-guided optimisation, its profile recorded by `student-sync plan` on other exports than this one "
      f"(see `build_native` in scripts/bench.sh). CPU ms per repetition: {', '.join(f'{x:.1f}' for x in n['all_cpu_ms'])}; "
      f"the same code built without the profile: {', '.join(f'{x:.1f}' for x in r['native_plain']['all_cpu_ms'])}.")
c = r["plan_counts"]
print(f"- The plan, identical in wasm and native (checked by the script): {c['student_creates']:,} students and "
      f"{c['record_creates']:,} learning records to create, {c['skipped']:,} rows skipped as duplicates, "
      f"{c['rejected']:,} rejected.")
print(f"- native memory: peak live C++ heap during one import+plan {m['peak_heap_bytes']/1e6:.1f} MB "
      f"({m['peak_heap_per_file_byte']:.2f}× the file; the engine's own copy of the file counted, the caller's not); process maxrss grew "
      f"{m['maxrss_delta_per_file_byte']:.2f}× the file over the same call (maxrss {m['maxrss_bytes']/1e6:.0f} MB). "
      f"Where it goes, in file sizes: during import_file {m['import_peak_per_file_byte']:.2f}× (the text, adopted "
      f"not copied, and the rows); the validated rows kept for planning {m['rows_per_file_byte']:.2f}× (text 1×, one "
      f"{m['import_row_bytes']:.0f}-byte row each, its views packed as pointer + 32-bit size); during make_plan "
      f"{m['plan_peak_per_file_byte']:.2f}× more, of which the Plan kept is {m['plan_per_file_byte']:.2f}× "
      f"({m['record_create_bytes']:.0f}-byte records of views into the same text) and the rest its hash indexes. "
      f"The rows kept include FileUsers (each row's user and course numbers, 16 bytes per user). "
      f"The same structures are smaller in wasm, where a pointer is 4 bytes, not 8.")
print()
PY
  # Where native time goes: each stage alone (same binary, same file).
  local stages=$bench_dir/stages.json
  "$pgo_dir/bench/engine_bench" "$big_csv" --benchmark_filter='BM_(Decode|Parse|Normalise|FileUsers|Plan)' \
    --benchmark_repetitions=3 --benchmark_format=json > "$stages"
  python3 - "$stages" >> "$details_md" <<'PY'
import json, sys
fastest = {}  # per benchmark, its fastest repetition (as for the headline row)
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") == "iteration" and (b["run_name"] not in fastest or b["cpu_time"] < fastest[b["run_name"]]["cpu_time"]):
        fastest[b["run_name"]] = b
bs = list(fastest.values())
what = {"BM_Decode": "decode_text in a pass of its own (BOM, binary check, UTF-8 validation; import_file validates a UTF-8 upload inside the scan instead)",
        "BM_Parse": "scan CSV records (CsvScanner, without the UTF-8 check)",
        "BM_Normalise": "map + normalise + validate rows (from a parsed CsvTable)", "BM_FileUsers": "number the file's users and courses (FileUsers, once per import)",
        "BM_PlanEmptyTables": "plan against empty tables (with the import's FileUsers, as every re-plan)",
        "BM_PlanSyncedTables": "plan against the synced tables (re-upload: every row looked up and skipped)"}
print("Native stages (release build), CPU time of the fastest of 3 repetitions (`engine_bench --benchmark_filter=...`):")
print()
print("| stage | CPU time |")
print("|---|---:|")
for b in bs:
    name = b["run_name"].split("/")[0]
    print(f"| {what.get(name, name)} | {b['cpu_time']:.1f} {b['time_unit']} |")
print()
PY
}

# --- main -----------------------------------------------------------------------------------------
STUDENT_SYNC_FIXTURES_DIR=${STUDENT_SYNC_FIXTURES_DIR:-$(cd "$root/../shared/fixtures" && pwd)}
rows=(row_parse_plan)

load_at_start=$(cut -d" " -f1-3 /proc/loadavg)
make_big_csv
build_native
build_wasm
: > "$rows_md"
: > "$details_md"
for row in "${rows[@]}"; do "$row"; done

{
  echo "# Benchmarks: current figures"
  echo
  echo "Written by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') ($(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at start $load_at_start)."
  echo "Every row measured in this one run. Re-run \`scripts/bench.sh\` to refresh; the machine is shared, so"
  echo "expect a few percent of noise between runs."
  echo
  echo "| benchmark | measured | target | met? |"
  echo "|---|---|---|---|"
  cat "$rows_md"
  echo
  echo "## Details"
  echo
  cat "$details_md"
} > "$out.tmp"
mv "$out.tmp" "$out"
log "wrote $out"
sed -n '/^| benchmark/,/^$/p' "$out"

# The sync rows (API calls vs lower bound vs naive, wall time at 100 ms latency, first page bytes) live
# in their own script and docs/benchmarks-sync.md; they run here too so this stays the one command.
# SS_BENCH_ENGINE_ONLY=1 skips them (they take several minutes).
if [ "${SS_BENCH_ENGINE_ONLY:-0}" != 1 ]; then
  log "sync rows: scripts/bench-sync.sh"
  scripts/bench-sync.sh
fi
