// Tests for normalize/row_normalizer (and field_converter through extra columns).
#include "normalize/row_normalizer.h"

#include <gtest/gtest.h>

#include <random>

#include "normalize/cell_cleaning.h"
#include "normalize/date_parser.h"
#include "normalize/phone_normalizer.h"

namespace ss {
namespace {

Result<ImportRows> normalize(const std::string& csv, const ColumnMapping& mapping = {}, const SyncSchema& schema = {}) {
  auto table = parse_csv(csv);
  EXPECT_TRUE(table.ok());
  return normalize_rows(*table, mapping, schema);
}

const std::string kHeader = "用户ID,昵称,手机号,课程,学习日期\n";

TEST(RowNormalizer, ValidRowBecomesTypedValues) {
  auto r = normalize(kHeader + " u_1 ,\"Grace, NVC\",+86 137-0013-7002, 基础课 ,2024/1/15\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->rows.size(), 1u);
  const ImportRow& row = r->rows[0];
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.user_id(), "u_1");
  EXPECT_EQ(row.nickname(), "Grace, NVC");
  EXPECT_EQ(row.phone(), "13700137002");
  EXPECT_EQ(row.course(), "基础课");
  EXPECT_EQ(format_date(civil_from_days(row.day)), "2024-01-15");
}

TEST(RowNormalizer, NicknameIsKeptExactly) {
  auto r = normalize(kHeader + "u_1,\" 说\"\"谢谢\"\"的人🌱 老师\",,课,2024-01-15\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].nickname(), " 说\"谢谢\"的人🌱 老师");
}

TEST(RowNormalizer, EachBadRowIsRejectedWithLineAndAllReasons) {
  auto r = normalize(kHeader + ",a,13800138000,课,2024-01-15\n"
                               "u_2,b,1.39001E+10,课,2024-01-15\n"
                               "u_3,c,,,下周二\n"
                               "u_4,d,,课,2024-01-15\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].line, 5);
  ASSERT_EQ(r->rejected.size(), 3u);
  EXPECT_EQ(r->rejected[0].line, 2);
  EXPECT_EQ(r->rejected[0].reason, "用户ID为空");
  EXPECT_EQ(r->rejected[1].line, 3);
  EXPECT_NE(r->rejected[1].reason.find("科学计数法"), std::string::npos);
  EXPECT_EQ(r->rejected[2].line, 4);
  EXPECT_NE(r->rejected[2].reason.find("课程为空"), std::string::npos);
  EXPECT_NE(r->rejected[2].reason.find("下周二"), std::string::npos);
  bool found = false;
  for (const auto& issue : r->issues) {
    if (issue.message == "第3行：手机号 1.39001E+10 被 Excel 改成了科学计数法，后几位数字已经丢失，请把该列设为文本后重新导出") found = true;
  }
  EXPECT_TRUE(found);
}

TEST(RowNormalizer, WarningsKeepTheRow) {
  auto r = normalize(kHeader + "u_1,a,138****0000,课,45306\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_TRUE(r->rows[0].phone().empty());
  ASSERT_EQ(r->issues.size(), 2u);
  for (const auto& i : r->issues) {
    EXPECT_EQ(i.severity, Severity::kWarning);
    EXPECT_EQ(i.message.rfind("第2行：", 0), 0u);
  }
}

TEST(RowNormalizer, MultiLineRowReportsTheLineWhereItStarts) {
  auto r = normalize(kHeader + "u_1,\"two\nlines\",,课,2024-01-15\nu_2,x,,课,bad\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].line, 2);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].line, 4);
}

TEST(RowNormalizer, RaggedRowsAreRejectedOthersKept) {
  auto r = normalize(kHeader + "u_1,a,,课\nu_2,b,,课,2024-01-15,extra\nu_3,c,,课,2024-01-15,,\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].user_id(), "u_3");  // trailing empty cells are tolerated
  ASSERT_EQ(r->rejected.size(), 2u);
  EXPECT_NE(r->rejected[0].reason.find("有 4 列，但表头有 5 列"), std::string::npos) << r->rejected[0].reason;
  EXPECT_NE(r->rejected[1].reason.find("有 6 列"), std::string::npos);
}

TEST(RowNormalizer, BlankRowsAreSkippedSilently) {
  auto r = normalize(kHeader + ",,,,\nu_1,a,,课,2024-01-15\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->data_row_count, 1u);
  EXPECT_TRUE(r->rejected.empty());
}

TEST(RowNormalizer, HeaderOnlyIsNoDataRows) {
  auto r = normalize(kHeader);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrNoDataRows);
  EXPECT_NE(r.error().message.find("没有数据行"), std::string::npos);
}

TEST(RowNormalizer, FixedCourseAndDateApplyToEveryRow) {
  ColumnMapping m;
  m.fixed_course = " 全年营 ";
  m.fixed_date = "2024年3月1日";
  auto r = normalize("用户ID,课程\nu_1,\nu_2,别的课\n", m);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->rows.size(), 2u);
  for (const auto& row : r->rows) {
    EXPECT_EQ(row.course(), "全年营");
    EXPECT_EQ(format_date(civil_from_days(row.day)), "2024-03-01");
  }
}

TEST(RowNormalizer, UnreadableFixedDateIsAFileError) {
  ColumnMapping m;
  m.fixed_date = "下周二";
  auto r = normalize("用户ID,课程\nu_1,课\n", m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrBadValue);
}

TEST(RowNormalizer, ExtraColumnsAreConvertedByFieldType) {
  ColumnMapping m;
  m.extras = {{"城 市", TableKind::kStudents, "城市", kFieldSingleSelect},
              {"实付金额", TableKind::kRecords, "金额", kFieldNumber},
              {"标签", TableKind::kStudents, "标签", kFieldMultiSelect},
              {"已缴费", TableKind::kRecords, "已缴费", kFieldCheckbox},
              {"注册时间", TableKind::kStudents, "注册日期", kFieldDate}};
  auto r = normalize("用户ID,课程,学习日期,城市,实付金额,标签,已缴费,注册时间\n"
                     "u_1,课,2024-01-15,深圳,\"1,280.00\",\"a，b、c\",是,2023-11-02 09:12:44\n"
                     "u_2,课,2024-01-15,,abc,,maybe,\n",
                     m);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->rows.size(), 2u);
  const ExtraValues e = r->extras(r->rows[0]);
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].value, "深圳");
  EXPECT_EQ(e[1].value, 1280.0);
  EXPECT_EQ(e[2].value, nlohmann::json::array({"a", "b", "c"}));
  EXPECT_EQ(e[3].value, true);
  EXPECT_EQ(e[4].value, local_midnight_ms({2023, 11, 2}, 480));
  EXPECT_TRUE(r->extras(r->rows[1]).empty());
  EXPECT_EQ(r->issues.size(), 2u);  // abc not a number, maybe not a checkbox
}

TEST(RowNormalizer, ExtraColumnOfUnwritableTypeIsRefused) {
  ColumnMapping m;
  m.extras = {{"渠道", TableKind::kStudents, "负责人", 11}};
  auto r = normalize("用户ID,课程,学习日期,渠道\nu_1,课,2024-01-15,x\n", m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrBadMapping);
}

TEST(RowNormalizer, ShortcutsForIdsAndPhonesGiveTheGeneralAnswer) {
  // The importer takes 用户IDs that need only trimming and common phone shapes without the general
  // cleaning (whole-word checks of ASCII and digits); every row must still get exactly what
  // clean_user_id and normalize_phone give. Pieces put non-ASCII, guards, spaces and non-digits at
  // every place of IDs and phones of every length around the word size.
  const std::vector<std::string> id_pieces = {"u", "_", "7", "Ab", "\xE2\x80\x8B", "学", " ", "\t", "'", "=", "é", "\xC2\xAD"};
  const std::vector<std::string> phone_pieces = {"1", "3", "8", "0", "9", "+86", " ", "-", "(", ")", "a", "１", "*", "86"};
  std::mt19937 rng(41);
  std::string csv = "用户ID,手机号,课程,学习日期\n";
  std::vector<std::pair<std::string, std::string>> cells;  // per data line
  for (int k = 0; k < 4000; ++k) {
    std::string id = "u", phone;
    for (size_t n = rng() % 30; n > 0; --n) id += id_pieces[rng() % (k % 3 ? 4 : id_pieces.size())];
    for (size_t n = rng() % 16; n > 0; --n) phone += phone_pieces[rng() % (k % 2 ? 5 : phone_pieces.size())];
    if (k % 4 == 3) {  // eleven bytes from a 1, one of them (anywhere) not a digit
      phone = "1";
      for (int d = 0; d < 10; ++d) phone += static_cast<char>('0' + rng() % 10);
      phone[rng() % 11] = "a-*+(.e"[rng() % 7];
    }
    csv += id + "," + phone + ",课,2024-01-15\n";
    cells.emplace_back(id, phone);
  }
  auto r = normalize(csv);
  ASSERT_TRUE(r.ok()) << r.error().message;
  for (const ImportRow& row : r->rows) {
    const auto& [id, phone] = cells[static_cast<size_t>(row.line - 2)];
    ASSERT_EQ(row.user_id(), clean_user_id(id)) << testing::PrintToString(id);
    const PhoneResult general = normalize_phone(phone, SyncSchema{}.phone_field_type);
    ASSERT_EQ(row.phone(), general.value) << testing::PrintToString(phone);
  }
  EXPECT_GT(r->rows.size(), 3000u);  // most rows valid: the comparisons above ran
}

// Both ways of normalising the same records: add() as the importer runs it, and with the common-row
// shortcut off (every row through the general path).
struct BothWays {
  ImportRows shortcut, general;
};
BothWays normalize_both_ways(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& records) {
  BothWays out;
  // The cells as views into one adopted text, as the importer gives them (the shortcut's date cache
  // only keeps dates in the file's text).
  std::string file;
  std::vector<std::vector<std::pair<size_t, size_t>>> places;
  for (const auto& record : records) {
    auto& at = places.emplace_back();
    for (const std::string& cell : record) {
      at.push_back({file.size(), cell.size()});
      file += cell + ",";
    }
    file += "\n";
  }
  for (bool shortcut : {true, false}) {
    auto text = std::make_shared<TextArena>();
    const std::string_view adopted = text->adopt(file);
    auto n = RowNormalizer::start(headers, ColumnMapping{}, SyncSchema{}, text);
    EXPECT_TRUE(n.ok());
    n->set_common_row_shortcut(shortcut);
    int line = 2;
    for (const auto& at : places) {
      std::vector<std::string_view> cells;
      for (const auto& [offset, size] : at) cells.push_back(adopted.substr(offset, size));
      n->add(line++, cells.data(), cells.size());
    }
    auto rows = n->finish();
    EXPECT_TRUE(rows.ok());
    (shortcut ? out.shortcut : out.general) = std::move(rows).value();
  }
  return out;
}

TEST(RowNormalizer, CommonRowShortcutKeepsWhatTheGeneralPathKeeps) {
  // Rows of the common layout (every role its own column, no extras) with each cell drawn from the
  // usual shapes and from what must leave the shortcut to the general path: empty and blank cells,
  // guards, non-ASCII IDs, phones it cannot read, Excel date serials, unknown dates, missing and extra
  // cells. Rows, rejections, warnings and counts must be the same either way.
  const std::vector<std::string> ids = {"u_1", " u_2 ", "u_3\t", "'u_4", "=u_5", "\tu_6", "学员7", "u_\xE2\x80\x8B" "8", "", " ", "u_9"};
  const std::vector<std::string> nicknames = {"小明", "", " ", "Grace, NVC", " 老师 ", "🌱", "\xE3\x80\x80"};
  const std::vector<std::string> phones = {"13800138000", "+86 13800138000", "138-0013-8000", "\t13800138000", "", " ",
                                           "1380013800", "23800138000", "1.38001E+10", "(0086)13800138000", "138 0013 8000", "x"};
  const std::vector<std::string> courses = {"基础课", "进阶课（第2期）", " 进阶课（第2期） ", "", " ", "课程\xEF\xBB\xBF", "课\xE3\x80\x80"};
  // Dates repeat, so that the shortcut finds most in its cache; some differ in one byte or in size only.
  const std::vector<std::string> dates = {"2024-01-15", "2024/1/5", "2024年1月15日", "2024-01-15 09:05:07", "2024-01-16",
                                          "2024-01-1", "2024年12月31日", "45306", "", " ", "下周二", "2024-02-30",
                                          " 2024-01-15 ", "2024-01-15T09:00:00Z", "2024年12月31日 ", "2024-01-150"};
  std::mt19937 rng(43);
  std::vector<std::vector<std::string>> records;
  for (int k = 0; k < 6000; ++k) {
    const bool usual = k % 2 == 0;  // half the rows from each list's first (usual) entries only
    const auto pick = [&](const std::vector<std::string>& from, size_t usual_ones) {
      return from[rng() % (usual ? usual_ones : from.size())];
    };
    std::vector<std::string> record = {pick(ids, 2), pick(nicknames, 2), pick(phones, 4), pick(courses, 2), pick(dates, 7)};
    if (k % 50 == 7) record.pop_back();           // a cell missing
    if (k % 50 == 9) record.push_back("");        // an empty trailing cell (Excel)
    if (k % 50 == 11) record.push_back("extra");  // a cell too many
    if (k % 97 == 5) record = {"", "", " ", "", ""};  // blank
    records.push_back(record);
  }
  const BothWays r = normalize_both_ways({"用户ID", "昵称", "手机号", "课程", "学习日期"}, records);
  ASSERT_EQ(r.shortcut.data_row_count, r.general.data_row_count);
  ASSERT_EQ(r.shortcut.rows.size(), r.general.rows.size());
  for (size_t i = 0; i < r.general.rows.size(); ++i) {
    const ImportRow& a = r.shortcut.rows[i];
    const ImportRow& b = r.general.rows[i];
    ASSERT_EQ(a.line, b.line);
    ASSERT_EQ(a.user_id(), b.user_id()) << a.line;
    ASSERT_EQ(a.nickname(), b.nickname()) << a.line;
    ASSERT_EQ(a.phone(), b.phone()) << a.line;
    ASSERT_EQ(a.course(), b.course()) << a.line;
    ASSERT_EQ(a.day, b.day) << a.line;
    ASSERT_EQ(a.extra_count, b.extra_count) << a.line;
  }
  ASSERT_EQ(r.shortcut.rejected.size(), r.general.rejected.size());
  for (size_t i = 0; i < r.general.rejected.size(); ++i) {
    ASSERT_EQ(r.shortcut.rejected[i].line, r.general.rejected[i].line);
    ASSERT_EQ(r.shortcut.rejected[i].reason, r.general.rejected[i].reason);
  }
  ASSERT_EQ(r.shortcut.issues.size(), r.general.issues.size());
  for (size_t i = 0; i < r.general.issues.size(); ++i) ASSERT_EQ(r.shortcut.issues[i].message, r.general.issues[i].message);
  EXPECT_GT(r.general.rows.size(), 2000u);      // the comparisons above ran on many kept rows
  EXPECT_GT(r.general.rejected.size(), 300u);   // and on many rejected ones
  EXPECT_GT(r.general.issues.size(), r.general.rejected.size());  // warnings too (Excel serials, phones)
}

}  // namespace
}  // namespace ss
