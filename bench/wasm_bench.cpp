// wasm_bench.cpp — the engine's import + plan behind a C ABI, for bench/parse_bench.js under node.
// Same work as engine_bench's BM_ImportAndPlan (decode + parse + map + normalise, then plan against
// empty tables), on bytes the script has copied into the wasm heap, as the page does with an upload.
#include <cstddef>
#include <cstdint>
#include <string>

#include "heap_counter.h"

#include "pipeline/import_file.h"
#include "plan/sync_plan.h"

// The last plan's counts (student creates, record creates, skipped, rejected, conflicts): parse_bench.js
// checks them against the native engine's (engine_bench's counters), so a wasm-only miscompilation cannot
// hide behind a fast time.
int32_t g_last_counts[5] = {0, 0, 0, 0, 0};

// Peak live C++ heap during one call, counted as engine_bench counts natively: the page's memory for an
// upload, with 32-bit pointers.
namespace {
size_t g_last_peak = 0;
}  // namespace

extern "C" {

// Data rows of the file (valid or not), or -1 when the file was refused (a file-level error).
int32_t ss_bench_import_and_plan(const char* bytes, size_t size) {
  static const ss::SyncSchema schema;
  static const ss::ColumnMapping mapping;
  const size_t base = heap_counter::start();
  // One copy out of the buffer the script filled, as the page makes of an upload it keeps.
  auto imported = ss::import_file(std::string(bytes, size), mapping, schema);
  if (!imported) return -1;
  ss::Plan plan = ss::make_plan(imported->rows, ss::Snapshot{}, schema, &imported->users);
  g_last_counts[0] = static_cast<int32_t>(plan.student_creates.size());
  g_last_counts[1] = static_cast<int32_t>(plan.record_creates.size());
  g_last_counts[2] = static_cast<int32_t>(plan.skipped.size());
  g_last_counts[3] = static_cast<int32_t>(plan.rejected.size());
  g_last_counts[4] = static_cast<int32_t>(plan.conflicts.size());
  g_last_peak = heap_counter::g_peak_bytes - base;
  return static_cast<int32_t>(imported->rows.data_row_count);
}

// Peak live heap of the last call above the heap before it, in bytes (the caller's buffer not included).
double ss_bench_last_peak_heap() { return static_cast<double>(g_last_peak); }

// Address of the five counts above (int32 each, in the wasm heap).
const int32_t* ss_bench_last_counts() { return g_last_counts; }

}  // extern "C"
