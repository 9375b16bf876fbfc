// fuzz_import.cpp — libFuzzer target: arbitrary bytes as an uploaded file → decode → parse → map →
// normalise (ss::import_file), then plan against empty tables, apply the plan in memory and plan again.
//
// Each input runs twice: with the default mapping (columns found by alias, as for a 小鹅通 export) and
// with the course and date fixed for the whole file (as the page does when a file lacks them), plus one
// extra column mapped to a student field so the extra-field converters run too.
// Checked beyond "no crash, no sanitizer report": after applying a plan, planning the same rows again
// must find nothing to write (the engine's re-upload guarantee, issue 4 item 7).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pipeline/import_file.h"
#include "plan/plan_model.h"
#include "plan/sync_plan.h"

namespace {

void run(std::string_view bytes, const ss::ColumnMapping& mapping, const ss::SyncSchema& schema) {
  auto imported = ss::import_file(std::string(bytes), mapping, schema);
  if (!imported) return;  // a file-level error is a normal outcome
  const ss::ImportRows& rows = imported->rows;
  ss::Plan plan = ss::make_plan(rows, ss::Snapshot{}, schema);
  (void)ss::plan_summary(plan);
  ss::Snapshot after = ss::apply_plan(ss::Snapshot{}, plan, schema);
  ss::Plan again = ss::make_plan(rows, after, schema);
  if (again.has_writes()) std::abort();  // re-planning after a full sync must be a no-op
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const ss::SyncSchema schema;

  static const ss::ColumnMapping by_alias;
  run(bytes, by_alias, schema);

  static const ss::ColumnMapping fixed = [] {
    ss::ColumnMapping m;
    m.fixed_course = "非暴力沟通基础课";
    m.fixed_date = "2024-03-01";
    m.extras.push_back({"城 市", ss::TableKind::kStudents, "城市", ss::kFieldText});
    return m;
  }();
  run(bytes, fixed, schema);
  return 0;
}
