// Every file of the shared fixtures with the outcome its README promises (tests/shared/fixtures is the
// project's byte-exact copy of ../shared/fixtures; CopiesMatchSharedFixtures checks they agree).
#include <gtest/gtest.h>

#include "normalize/date_parser.h"
#include "pipeline/import_file.h"
#include "plan/sync_plan.h"
#include "test_support.h"

namespace ss {
namespace {

Result<ImportedFile> import_fixture(const std::string& name, const ColumnMapping& mapping = {}) {
  return import_file(test::read_fixture(name), mapping, SyncSchema{});
}

const ImportRow* row_of(const ImportedFile& f, const std::string& uid) {
  for (const auto& r : f.rows.rows) {
    if (r.user_id() == uid) return &r;
  }
  return nullptr;
}

TEST(Fixtures, CopiesMatchSharedFixtures) {
  for (const char* name : {"sample.csv", "xiaoe_users_gbk.csv", "excel_unicode_text.csv", "bad/empty.csv",
                           "bad/header_only.csv", "bad/missing_user_id_column.csv", "bad/unterminated_quote.csv",
                           "bad/ragged_rows.csv", "bad/bad_values.csv", "bad/binary.csv"}) {
    const std::string shared = std::string(SS_SHARED_FIXTURES_DIR) + "/" + name;
    if (FILE* f = std::fopen(shared.c_str(), "rb")) {
      std::fclose(f);
      EXPECT_EQ(test::read_fixture(name), test::read_file(shared)) << name;
    }
  }
}

TEST(Fixtures, SampleGivesFiveStudentsSixRecordsAndOneDuplicate) {
  auto f = import_fixture("sample.csv");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->encoding, SourceEncoding::kUtf8Bom);
  EXPECT_EQ(f->rows.rows.size(), 7u);
  EXPECT_TRUE(f->rows.rejected.empty());
  for (const auto& i : f->rows.issues) ADD_FAILURE() << i.message;  // Grace's missing phone is not an issue

  Plan plan = make_plan(f->rows, Snapshot{}, SyncSchema{});
  EXPECT_EQ(plan.student_creates.size(), 5u);
  EXPECT_EQ(plan.record_creates.size(), 6u);
  ASSERT_EQ(plan.skipped.size(), 1u);
  EXPECT_EQ(plan.skipped[0].line, 8);
  EXPECT_EQ(plan.skipped[0].reason, SkipReason::kDuplicateInFile);
  EXPECT_EQ(plan.skipped[0].first_line, 3);
  EXPECT_TRUE(plan.conflicts.empty());

  EXPECT_EQ(row_of(*f, "u_8d9e0f1a2b3c4_AsDfGh3456")->phone(), "13700137002");
  EXPECT_EQ(format_date(civil_from_days(row_of(*f, "u_8d9e0f1a2b3c4_AsDfGh3456")->day)), "2024-01-15");
  EXPECT_EQ(format_date(civil_from_days(row_of(*f, "u_9e0f1a2b3c4d5_PoIuYt7890")->day)), "2024-04-01");
  EXPECT_EQ(row_of(*f, "u_7c8d9e0f1a2b3_ZxCvBn9012")->nickname(), "Grace, NVC");
  EXPECT_TRUE(row_of(*f, "u_7c8d9e0f1a2b3_ZxCvBn9012")->phone().empty());
  EXPECT_EQ(row_of(*f, "u_9e0f1a2b3c4d5_PoIuYt7890")->nickname(), "说\"谢谢\"的人");
  EXPECT_EQ(row_of(*f, "u_6a7b8c9d0e1f2_QwErTy5678")->nickname(), "李四🌱");
}

TEST(Fixtures, GbkUserListNeedsADateFromThePage) {
  auto without = import_fixture("xiaoe_users_gbk.csv");
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, kErrMissingValue);
  EXPECT_NE(without.error().message.find("日期"), std::string::npos);
  EXPECT_NE(without.error().message.find("城 市"), std::string::npos);  // lists the columns it found

  ColumnMapping m;
  m.fixed_date = "2024-03-01";
  auto f = import_fixture("xiaoe_users_gbk.csv", m);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->encoding, SourceEncoding::kGb18030);
  ASSERT_EQ(f->rows.rows.size(), 3u);
  EXPECT_EQ(f->rows.rows[0].nickname(), "陈静");
  EXPECT_EQ(f->rows.rows[1].nickname(), "周杰");
  EXPECT_EQ(f->rows.rows[2].nickname(), "林小雨");
  EXPECT_EQ(f->rows.rows[0].course(), "非暴力沟通基础课");  // 购买商品 is the course
  EXPECT_EQ(f->rows.rows[1].course(), "NVC读书会");
  EXPECT_TRUE(f->rows.rows[1].phone().empty());
  Plan plan = make_plan(f->rows, Snapshot{}, SyncSchema{});
  EXPECT_EQ(plan.student_creates.size(), 3u);
}

TEST(Fixtures, GbkUserListExtraColumnWithSpacedHeader) {
  ColumnMapping m;
  m.fixed_date = "2024-03-01";
  m.extras = {{"城市", TableKind::kStudents, "城市", kFieldText}};
  auto f = import_fixture("xiaoe_users_gbk.csv", m);
  ASSERT_TRUE(f.ok()) << f.error().message;
  const ExtraValues extras = f->rows.extras(f->rows.rows[0]);
  ASSERT_FALSE(extras.empty());
  EXPECT_EQ(extras[0].value, "深圳");
}

TEST(Fixtures, ExcelUnicodeTextGivesOneStudentOneRecord) {
  auto f = import_fixture("excel_unicode_text.csv");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->encoding, SourceEncoding::kUtf16Le);
  EXPECT_EQ(f->delimiter, '\t');
  Plan plan = make_plan(f->rows, Snapshot{}, SyncSchema{});
  EXPECT_EQ(plan.student_creates.size(), 1u);
  EXPECT_EQ(plan.record_creates.size(), 1u);
  EXPECT_EQ(plan.student_creates[0].nickname(), "张三");
}

TEST(Fixtures, EmptyFileIsAClearError) {
  auto f = import_fixture("bad/empty.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, kErrEmptyFile);
}

TEST(Fixtures, HeaderOnlySaysNoDataRows) {
  auto f = import_fixture("bad/header_only.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, kErrNoDataRows);
  EXPECT_NE(f.error().message.find("没有数据行"), std::string::npos);
}

TEST(Fixtures, MissingUserIdColumnNamesItAndTheColumnsFound) {
  auto f = import_fixture("bad/missing_user_id_column.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, kErrMissingColumn);
  EXPECT_NE(f.error().message.find("用户ID"), std::string::npos);
  EXPECT_NE(f.error().message.find("昵称、手机号、课程、学习日期"), std::string::npos) << f.error().message;
}

TEST(Fixtures, UnterminatedQuoteNamesLineTwo) {
  auto f = import_fixture("bad/unterminated_quote.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, kErrUnterminatedQuote);
  EXPECT_EQ(f.error().message.rfind("第2行：", 0), 0u) << f.error().message;
}

TEST(Fixtures, RaggedRowsReportedPerLineValidRowsUnaffected) {
  auto f = import_fixture("bad/ragged_rows.csv");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_TRUE(f->rows.rows.empty());  // both data rows are ragged
  ASSERT_EQ(f->rows.rejected.size(), 2u);
  EXPECT_EQ(f->rows.rejected[0].line, 2);
  EXPECT_EQ(f->rows.rejected[1].line, 3);
  // The same file with a valid row appended: that row is unaffected.
  std::string bytes = test::read_fixture("bad/ragged_rows.csv") + "u_ok,王五,13600136000,课,2024-01-15\r\n";
  auto g = import_file(bytes, {}, {});
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->rows.rows.size(), 1u);
  EXPECT_EQ(g->rows.rows[0].line, 4);
}

TEST(Fixtures, BadValuesRejectsEachRowWithItsReason) {
  auto f = import_fixture("bad/bad_values.csv");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_TRUE(f->rows.rows.empty());
  ASSERT_EQ(f->rows.rejected.size(), 4u);
  const char* expected[] = {"用户ID为空", "科学计数法", "课程为空", "下周二"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(f->rows.rejected[i].line, static_cast<int>(i) + 2);
    EXPECT_NE(f->rows.rejected[i].reason.find(expected[i]), std::string::npos) << f->rows.rejected[i].reason;
  }
  Plan plan = make_plan(f->rows, Snapshot{}, SyncSchema{});
  EXPECT_FALSE(plan.has_writes());
  EXPECT_EQ(plan.rejected.size(), 4u);
}

TEST(Fixtures, BinaryIsNotText) {
  auto f = import_fixture("bad/binary.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, kErrNotText);
  EXPECT_NE(f.error().message.find("不是文本/CSV 文件"), std::string::npos);
}

}  // namespace
}  // namespace ss
