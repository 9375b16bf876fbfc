// engine_bench.cpp — Google Benchmark of the engine on a big export (issue 4 benchmarks, issue 7.5):
// decode + parse + map + normalise (ss::import_file) + plan against empty tables, as the page and the CLI
// run them, with bytes/s and rows/s; the stages one by one (to see where time goes); and the peak heap of
// one import + plan relative to the file size (target: ≤ 3×).
//
//   python3 ../shared/fixtures/make_exports.py --rows 100000 --users 30000 --courses 40 --quirks --seed 7
//       --out build/bench/big.csv    (one command line)
//   engine_bench build/bench/big.csv [--benchmark_format=json ...]
// (scripts/bench.sh does both.) The file path may also come from SS_BENCH_FILE.
//
// Peak memory: every operator new/delete of the process is counted (heap_counter.h); the peak is taken
// over one import + plan. The caller's bytes are not counted; the copy import_file takes over (its text,
// which the rows point into) is. malloc calls made by C code (glibc's iconv) are not counted; the
// process's maxrss is reported beside it as a cross-check.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "csv/csv_reader.h"
#include "csv/csv_scanner.h"
#include "normalize/row_normalizer.h"
#include "pipeline/import_file.h"
#include "plan/plan_model.h"
#include "plan/sync_plan.h"
#include "text/text_decoder.h"

#include "heap_counter.h"


// --- the input ----------------------------------------------------------------------------------
namespace {

std::string g_path;
const std::string& file_bytes() {
  static const std::string bytes = [] {
    std::ifstream in(g_path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "engine_bench: cannot read %s\n", g_path.c_str());
      std::exit(2);
    }
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }();
  return bytes;
}

const ss::SyncSchema kSchema;
const ss::ColumnMapping kMapping;  // columns found by alias, as for a 小鹅通 export

template <class T>
T must(ss::Result<T>&& r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "engine_bench: %s failed: %s\n", what, r.error().message.c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

void set_rates(benchmark::State& state, size_t data_rows) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
  state.counters["rows_per_second"] =
      benchmark::Counter(static_cast<double>(data_rows), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["file_MB"] = static_cast<double>(file_bytes().size()) / 1e6;
}

// --- the headline: what the page does with an uploaded file --------------------------------------
void BM_ImportAndPlan(benchmark::State& state) {
  const std::string& bytes = file_bytes();
  size_t data_rows = 0;
  double counts[5] = {0, 0, 0, 0, 0};
  for (auto _ : state) {
    // The bytes as the page and the CLI hold them, handed over; making this copy is not part of the work
    // (papaparse, too, is timed on a string it already has).
    state.PauseTiming();
    std::string owned = bytes;
    state.ResumeTiming();
    ss::ImportedFile f = must(ss::import_file(std::move(owned), kMapping, kSchema), "import_file");
    ss::Plan plan = ss::make_plan(f.rows, ss::Snapshot{}, kSchema, &f.users);
    data_rows = f.rows.data_row_count;
    counts[0] = static_cast<double>(plan.student_creates.size());
    counts[1] = static_cast<double>(plan.record_creates.size());
    counts[2] = static_cast<double>(plan.skipped.size());
    counts[3] = static_cast<double>(plan.rejected.size());
    counts[4] = static_cast<double>(plan.conflicts.size());
    benchmark::DoNotOptimize(plan);
  }
  set_rates(state, data_rows);
  // What the plan holds, for parse_bench.js to check that the wasm build plans the same.
  state.counters["student_creates"] = counts[0];
  state.counters["record_creates"] = counts[1];
  state.counters["skipped"] = counts[2];
  state.counters["rejected"] = counts[3];
  state.counters["conflicts"] = counts[4];
}
BENCHMARK(BM_ImportAndPlan)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- stages ---------------------------------------------------------------------------------------
void BM_Decode(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string owned = file_bytes();  // handed over, as import_file does
    state.ResumeTiming();
    benchmark::DoNotOptimize(must(ss::decode_text(std::move(owned)), "decode"));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
}
BENCHMARK(BM_Decode)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Parse(benchmark::State& state) {
  const ss::DecodedText text = must(ss::decode_text(file_bytes()), "decode");
  // The scanner import_file runs: records as views, nothing stored (parse_csv builds a table on top).
  for (auto _ : state) {
    ss::CsvScanner scanner(text.utf8, ss::sniff_delimiter(text.utf8));
    ss::CsvRecordView record;
    size_t cells = 0;
    while (scanner.next(record)) cells += record.cells.size();
    benchmark::DoNotOptimize(cells);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Normalise(benchmark::State& state) {
  const ss::CsvTable table = must(ss::parse_csv(must(ss::decode_text(file_bytes()), "decode").utf8), "parse");
  for (auto _ : state) benchmark::DoNotOptimize(must(ss::normalize_rows(table, kMapping, kSchema), "normalise"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
}
BENCHMARK(BM_Normalise)->Unit(benchmark::kMillisecond)->UseRealTime();

// The file's users and courses numbered from the rows: what import_file does once, after the rows
// (inside BM_ImportAndPlan's import), and make_plan when not given them.
void BM_FileUsers(benchmark::State& state) {
  const ss::ImportedFile f = must(ss::import_file(file_bytes(), kMapping, kSchema), "import_file");
  for (auto _ : state) benchmark::DoNotOptimize(ss::FileUsers::of(f.rows));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
}
BENCHMARK(BM_FileUsers)->Unit(benchmark::kMillisecond)->UseRealTime();

// What the page does on every new snapshot: plan the imported rows with their FileUsers.
void BM_PlanEmptyTables(benchmark::State& state) {
  const ss::ImportedFile f = must(ss::import_file(file_bytes(), kMapping, kSchema), "import_file");
  for (auto _ : state) benchmark::DoNotOptimize(ss::make_plan(f.rows, ss::Snapshot{}, kSchema, &f.users));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
}
BENCHMARK(BM_PlanEmptyTables)->Unit(benchmark::kMillisecond)->UseRealTime();

// Re-upload of an already synced file: every row is looked up in a full snapshot and skipped.
void BM_PlanSyncedTables(benchmark::State& state) {
  const ss::ImportedFile f = must(ss::import_file(file_bytes(), kMapping, kSchema), "import_file");
  const ss::Snapshot after = ss::apply_plan(ss::Snapshot{}, ss::make_plan(f.rows, ss::Snapshot{}, kSchema, &f.users), kSchema);
  for (auto _ : state) benchmark::DoNotOptimize(ss::make_plan(f.rows, after, kSchema, &f.users));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file_bytes().size()));
}
BENCHMARK(BM_PlanSyncedTables)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- memory -----------------------------------------------------------------------------------------
// One import + plan, measured in main() before any benchmark runs (so maxrss has not been raised by
// earlier runs): peak live heap above what was live before (the file's bytes, already read), and the
// growth of the process's maxrss over the same call. BM_PeakMemory only reports the figures.
struct MemoryFigures {
  double peak_heap = 0;      // whole import + plan
  double import_peak = 0;    // during import_file (decoded text, CSV table and rows alive together)
  double rows = 0;           // the ImportedFile kept for planning
  double plan_peak = 0;      // during make_plan, above the rows (plan + its hash indexes)
  double plan = 0;           // the Plan kept
  double maxrss_before = 0;
  double maxrss_after = 0;
};
MemoryFigures g_memory;

void measure_memory() {
  const std::string& bytes = file_bytes();
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  const size_t base = heap_counter::start();
  size_t peak = 0;
  {
    ss::ImportedFile f = must(ss::import_file(bytes, kMapping, kSchema), "import_file");
    g_memory.import_peak = static_cast<double>(heap_counter::g_peak_bytes - base);
    g_memory.rows = static_cast<double>(heap_counter::g_live_bytes - base);
    peak = heap_counter::g_peak_bytes;
    const size_t with_rows = heap_counter::start();
    ss::Plan plan = ss::make_plan(f.rows, ss::Snapshot{}, kSchema, &f.users);
    g_memory.plan_peak = static_cast<double>(heap_counter::g_peak_bytes - with_rows);
    g_memory.plan = static_cast<double>(heap_counter::g_live_bytes - with_rows);
    benchmark::DoNotOptimize(plan);
  }
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  g_memory.peak_heap = static_cast<double>(std::max(peak, heap_counter::g_peak_bytes) - base);
  g_memory.maxrss_before = static_cast<double>(before.ru_maxrss) * 1024;
  g_memory.maxrss_after = static_cast<double>(after.ru_maxrss) * 1024;
}

void BM_PeakMemory(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(g_memory);
  const double file = static_cast<double>(file_bytes().size());
  state.counters["file_MB"] = file / 1e6;
  state.counters["peak_heap_MB"] = g_memory.peak_heap / 1e6;
  state.counters["peak_heap_per_file_byte"] = g_memory.peak_heap / file;
  state.counters["import_peak_per_file_byte"] = g_memory.import_peak / file;
  state.counters["rows_per_file_byte"] = g_memory.rows / file;
  state.counters["plan_peak_per_file_byte"] = g_memory.plan_peak / file;
  state.counters["plan_per_file_byte"] = g_memory.plan / file;
  // The per-row structures, for the explanation in docs/benchmarks.md (scripts/bench.sh).
  state.counters["import_row_bytes"] = sizeof(ss::ImportRow);
  state.counters["record_create_bytes"] = sizeof(ss::RecordCreate);
  state.counters["maxrss_MB"] = g_memory.maxrss_after / 1e6;
  state.counters["maxrss_delta_MB"] = (g_memory.maxrss_after - g_memory.maxrss_before) / 1e6;
  state.counters["maxrss_delta_per_file_byte"] = (g_memory.maxrss_after - g_memory.maxrss_before) / file;
}
BENCHMARK(BM_PeakMemory)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc > 1) g_path = argv[1];
  else if (const char* env = std::getenv("SS_BENCH_FILE")) g_path = env;
  if (g_path.empty()) {
    std::fprintf(stderr, "usage: %s FILE.csv [--benchmark_...]   (or SS_BENCH_FILE=FILE.csv)\n", argv[0]);
    return 2;
  }
  (void)file_bytes();  // read before any measurement
  measure_memory();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
