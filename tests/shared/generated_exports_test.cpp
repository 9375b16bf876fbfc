// make_exports.py outputs (--quirks: mixed date styles, +86/dashed/tab-guarded phones, padded and empty
// IDs, "quoted, nicknames", repeated rows), in both layouts and both encodings: every row is either valid
// or rejected only for its empty 用户ID, and a second plan after applying the first writes nothing.
#include <gtest/gtest.h>

#include "pipeline/import_file.h"
#include "plan/plan_model.h"
#include "plan/sync_plan.h"
#include "test_support.h"

namespace ss {
namespace {

void check_export(const std::string& name, SourceEncoding encoding) {
  auto f = import_file(test::read_fixture("generated/" + name), {}, {});
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->encoding, encoding);
  EXPECT_GE(f->rows.data_row_count, 300u);  // plus the repeated rows
  for (const auto& r : f->rows.rejected) EXPECT_EQ(r.reason, "用户ID为空") << "line " << r.line;
  for (const auto& i : f->rows.issues) EXPECT_EQ(i.severity, Severity::kError) << i.message;  // no warnings expected
  for (const auto& row : f->rows.rows) {
    EXPECT_EQ(row.user_id().find(' '), std::string::npos) << row.line;
    EXPECT_TRUE(row.phone().empty() || (row.phone().size() == 11 && row.phone()[0] == '1')) << row.phone();
  }
  Plan first = make_plan(f->rows, Snapshot{}, SyncSchema{});
  EXPECT_FALSE(first.skipped.empty());  // the exporter repeats some rows
  Plan second = make_plan(f->rows, apply_plan(Snapshot{}, first, SyncSchema{}), SyncSchema{});
  EXPECT_FALSE(second.has_writes()) << plan_summary(second);
}

TEST(GeneratedExports, OrdersLayoutInGb18030) { check_export("orders_gbk_quirks_300.csv", SourceEncoding::kGb18030); }

TEST(GeneratedExports, StandardLayoutWithBom) { check_export("standard_bom_quirks_300.csv", SourceEncoding::kUtf8Bom); }

}  // namespace
}  // namespace ss
