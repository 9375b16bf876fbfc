// plan_timing.cpp — not a test: times each engine stage on a big export, e.g.
//   python3 ../shared/fixtures/make_exports.py --rows 100000 --users 30000 --courses 40 --quirks --out /tmp/big.csv
//   shared_plan_timing /tmp/big.csv
// Plans twice: against empty tables, and against the tables as they would be after the first sync
// (the "re-upload, nothing to do" case, the one with the biggest hash lookups).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "csv/csv_reader.h"
#include "normalize/row_normalizer.h"
#include "plan/plan_model.h"
#include "plan/sync_plan.h"
#include "text/text_decoder.h"

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.csv\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  const ss::SyncSchema schema;

  std::string input = bytes;  // decode_text takes its input over; the copy is not part of the timing
  auto t = std::chrono::steady_clock::now();
  auto text = ss::decode_text(std::move(input));
  if (!text) return std::fprintf(stderr, "%s\n", text.error().message.c_str()), 1;
  const double decode_ms = ms_since(t);
  t = std::chrono::steady_clock::now();
  auto table = ss::parse_csv(text->utf8);
  if (!table) return std::fprintf(stderr, "%s\n", table.error().message.c_str()), 1;
  const double parse_ms = ms_since(t);
  t = std::chrono::steady_clock::now();
  auto rows = ss::normalize_rows(*table, ss::ColumnMapping{}, schema);
  if (!rows) return std::fprintf(stderr, "%s\n", rows.error().message.c_str()), 1;
  const double normalize_ms = ms_since(t);
  t = std::chrono::steady_clock::now();
  ss::Plan plan = ss::make_plan(*rows, ss::Snapshot{}, schema);
  const double plan_empty_ms = ms_since(t);
  ss::Snapshot after = ss::apply_plan(ss::Snapshot{}, plan, schema);
  t = std::chrono::steady_clock::now();
  ss::Plan again = ss::make_plan(*rows, after, schema);
  const double plan_full_ms = ms_since(t);

  std::printf("file: %zu bytes, %zu data rows (%zu valid, %zu rejected, %zu issues)\n", bytes.size(),
              rows->data_row_count, rows->rows.size(), rows->rejected.size(), rows->issues.size());
  std::printf("decode %.1f ms, parse %.1f ms, normalise %.1f ms\n", decode_ms, parse_ms, normalize_ms);
  std::printf("plan vs empty tables: %.1f ms — %s; %zu conflicts; write calls ≥ %zu\n", plan_empty_ms,
              ss::plan_summary(plan).c_str(), plan.conflicts.size(), plan.lower_bound.total());
  std::printf("plan vs synced tables (%zu students, %zu records): %.1f ms — %s\n", after.students.size(),
              after.records.size(), plan_full_ms, ss::plan_summary(again).c_str());
  return again.has_writes() ? 1 : 0;
}
