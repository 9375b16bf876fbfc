// Tests for mapping/: header normalisation, built-in aliases, the saved mapping object and its resolution.
#include "mapping/column_mapping.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

TEST(HeaderAliases, NormalisationIgnoresSpacesCaseBomAndFullWidth) {
  EXPECT_EQ(normalize_header("城 市"), "城市");
  EXPECT_EQ(normalize_header("用户id"), normalize_header("用户ID"));
  EXPECT_EQ(normalize_header("\xEF\xBB\xBF用户ID"), "用户id");
  EXPECT_EQ(normalize_header("用户\xE3\x80\x80ＩＤ "), "用户id");  // ideographic space, full-width ID
  EXPECT_EQ(normalize_header("User_ID"), "userid");
}

TEST(HeaderAliases, EveryBuiltInAliasIsRecognised) {
  for (const char* h : {"用户ID", "用户id", "user_id", " 用户 ID "}) EXPECT_TRUE(alias_rank(ColumnRole::kUserId, h)) << h;
  for (const char* h : {"昵称", "用户昵称", "微信昵称"}) EXPECT_TRUE(alias_rank(ColumnRole::kNickname, h)) << h;
  for (const char* h : {"手机号", "手机", "电话", "联系电话"}) EXPECT_TRUE(alias_rank(ColumnRole::kPhone, h)) << h;
  for (const char* h : {"课程", "课程名称", "商品名称", "购买商品"}) EXPECT_TRUE(alias_rank(ColumnRole::kCourse, h)) << h;
  for (const char* h : {"学习日期", "报名时间", "报名日期", "支付时间", "订单时间"}) EXPECT_TRUE(alias_rank(ColumnRole::kDate, h)) << h;
  EXPECT_FALSE(alias_rank(ColumnRole::kDate, "注册时间"));
  EXPECT_FALSE(alias_rank(ColumnRole::kPhone, "最近采集号码"));
}

TEST(ColumnMapping, DetectsStandardHeader) {
  auto r = resolve_columns({"用户ID", "昵称", "手机号", "课程", "学习日期"}, ColumnMapping{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[ColumnRole::kUserId], 0);
  EXPECT_EQ((*r)[ColumnRole::kDate], 4);
}

TEST(ColumnMapping, PrefersHigherPriorityAliasWhenTwoColumnsMatch) {
  auto r = resolve_columns({"用户ID", "电话", "手机号", "课程", "学习日期"}, ColumnMapping{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[ColumnRole::kPhone], 2);
}

TEST(ColumnMapping, MissingUserIdNamesTheColumnsFound) {
  auto r = resolve_columns({"昵称", "手机号", "课程", "学习日期"}, ColumnMapping{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrMissingColumn);
  EXPECT_NE(r.error().message.find("用户ID"), std::string::npos);
  EXPECT_NE(r.error().message.find("昵称、手机号、课程、学习日期"), std::string::npos) << r.error().message;
}

TEST(ColumnMapping, MissingDateWithoutFixedDateStopsWithAMessage) {
  auto r = resolve_columns({"用户ID", "购买商品"}, ColumnMapping{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrMissingValue);
  EXPECT_NE(r.error().message.find("日期"), std::string::npos);
  ColumnMapping m;
  m.fixed_date = "2024-03-01";
  EXPECT_TRUE(resolve_columns({"用户ID", "购买商品"}, m).ok());
}

TEST(ColumnMapping, MissingCourseCanBeGivenForTheWholeFile) {
  ColumnMapping m;
  EXPECT_FALSE(resolve_columns({"用户ID", "学习日期"}, m).ok());
  m.fixed_course = "非暴力沟通基础课";
  EXPECT_TRUE(resolve_columns({"用户ID", "学习日期"}, m).ok());
}

TEST(ColumnMapping, ExplicitColumnOverridesAliasAndEmptyDisables) {
  ColumnMapping m;
  m.column(ColumnRole::kUserId) = "会员编号";
  m.column(ColumnRole::kPhone) = "";
  auto r = resolve_columns({"用户ID", "会员编号", "手机号", "课程", "学习日期"}, m);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[ColumnRole::kUserId], 1);
  EXPECT_EQ((*r)[ColumnRole::kPhone], -1);
}

TEST(ColumnMapping, ExplicitColumnNotInFileIsAnError) {
  ColumnMapping m;
  m.column(ColumnRole::kCourse) = "班级";
  auto r = resolve_columns({"用户ID", "课程", "学习日期"}, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrBadMapping);
  EXPECT_NE(r.error().message.find("班级"), std::string::npos);
}

TEST(ColumnMapping, ExtraColumnsResolveByNormalisedHeader) {
  ColumnMapping m;
  m.extras.push_back({"城市", TableKind::kStudents, "城市", kFieldText});
  auto r = resolve_columns({"用户ID", "城 市", "课程", "学习日期"}, m);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->extras.size(), 1u);
  EXPECT_EQ(r->extras[0].column, 1);
}

TEST(ColumnMapping, JsonRoundTrip) {
  ColumnMapping m;
  m.column(ColumnRole::kCourse) = "购买商品";
  m.column(ColumnRole::kPhone) = "";
  m.fixed_date = "2024-03-01";
  m.extras.push_back({"城 市", TableKind::kStudents, "城市", kFieldSingleSelect});
  m.extras.push_back({"实付金额", TableKind::kRecords, "金额", kFieldNumber});
  const nlohmann::json j = mapping_to_json(m);
  auto back = mapping_from_json(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(mapping_to_json(*back), j);
  EXPECT_FALSE(back->column(ColumnRole::kUserId).has_value());
  EXPECT_EQ(*back->column(ColumnRole::kPhone), "");
  EXPECT_EQ(back->extras[1].table, TableKind::kRecords);
}

TEST(ColumnMapping, BadJsonIsAValueNotAnException) {
  for (const char* text : {"[]", R"({"columns":5})", R"({"columns":{"user_id":3}})", R"({"extras":[{"column":"a"}]})",
                           R"({"extras":[{"column":"a","field":"b","table":7}]})", R"({"fixed_date":1})"}) {
    auto r = mapping_from_json(nlohmann::json::parse(text));
    EXPECT_FALSE(r.ok()) << text;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, kErrBadMapping);
    }
  }
}

TEST(SyncSchema, DefaultsMatchArchitectureAndRoundTrip) {
  SyncSchema s;
  EXPECT_EQ(s.students.phone, "手机号");
  EXPECT_EQ(s.records.student_link, "关联到学员总表");
  EXPECT_EQ(s.utc_offset_minutes, 480);
  s.records.date = "上课日期";
  s.phone_field_type = kFieldText;
  auto back = schema_from_json(nlohmann::json::parse(schema_to_json(s).dump()));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->records.date, "上课日期");
  EXPECT_EQ(back->phone_field_type, kFieldText);
  EXPECT_FALSE(schema_from_json(nlohmann::json::parse(R"({"phone_field_type":2})")).ok());
  EXPECT_FALSE(schema_from_json(nlohmann::json::parse(R"({"batch_size":0})")).ok());
  EXPECT_FALSE(schema_from_json(nlohmann::json::parse(R"({"students":{"phone":""}})")).ok());
}

}  // namespace
}  // namespace ss
