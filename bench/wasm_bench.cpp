// wasm_bench.cpp — the engine's import + plan behind a C ABI, for bench/parse_bench.js under node.
// Same work as engine_bench's BM_ImportAndPlan (decode + parse + map + normalise, then plan against
// empty tables), on bytes the script has copied into the wasm heap, as the page does with an upload.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/import_file.h"
#include "plan/sync_plan.h"

// The plan's write-call lower bound of the last run, kept observable so the optimiser cannot drop make_plan.
volatile size_t g_last_plan_calls = 0;

extern "C" {

// Data rows of the file (valid or not), or -1 when the file was refused (a file-level error).
int32_t ss_bench_import_and_plan(const char* bytes, size_t size) {
  static const ss::SyncSchema schema;
  static const ss::ColumnMapping mapping;
  auto imported = ss::import_file(std::string_view(bytes, size), mapping, schema);
  if (!imported) return -1;
  ss::Plan plan = ss::make_plan(imported->rows, ss::Snapshot{}, schema);
  g_last_plan_calls = plan.lower_bound.total();
  return static_cast<int32_t>(imported->rows.data_row_count);
}

}  // extern "C"
