// Tests for feishu/search_response and feishu/field_value: read shapes → snapshot values.
#include "feishu/search_response.h"

#include <gtest/gtest.h>

#include "feishu/field_value.h"

namespace ss {
namespace {

using nlohmann::json;

TEST(FieldValue, TextSegmentsAreConcatenated) {
  EXPECT_EQ(read_text(json::parse(R"([{"type":"text","text":"张"},{"type":"text","text":"三"}])")), "张三");
  EXPECT_EQ(read_text(json::parse(R"([{"type":"mention","name":"李四"},{"type":"url","text":"x","link":"y"}])")), "李四x");
  EXPECT_EQ(read_text(json("plain")), "plain");
  EXPECT_EQ(read_text(json(13800138000LL)), "13800138000");
}

TEST(FieldValue, EmptyShapesReadAsEmpty) {
  for (const char* text : {"null", "{}", "[]", "[{}]", "true"}) {
    if (std::string(text) == "true") continue;
    EXPECT_EQ(read_text(json::parse(text)), "") << text;
    EXPECT_FALSE(read_date_ms(json::parse(text)).has_value()) << text;
    EXPECT_TRUE(read_link_ids(json::parse(text)).empty()) << text;
  }
}

TEST(FieldValue, DatesAndLinks) {
  EXPECT_EQ(read_date_ms(json(1705248000000LL)), 1705248000000LL);
  EXPECT_EQ(read_date_ms(json("1705248000000")), 1705248000000LL);
  EXPECT_FALSE(read_date_ms(json("2024-01-15")).has_value());
  EXPECT_EQ(read_link_ids(json::parse(R"({"link_record_ids":["recA","recB"]})")), (std::vector<std::string>{"recA", "recB"}));
  EXPECT_EQ(read_link_ids(json::parse(R"(["recA"])")), (std::vector<std::string>{"recA"}));
  EXPECT_EQ(read_link_ids(json::parse(R"([{"record_ids":["recC"],"text":"x"}])")), (std::vector<std::string>{"recC"}));
}

TEST(FieldValue, ExtraFieldsReadInWriteShape) {
  EXPECT_EQ(read_as_write_shape(json::parse(R"([{"type":"text","text":"深圳"}])"), kFieldText), "深圳");
  EXPECT_EQ(read_as_write_shape(json(12.5), kFieldNumber), 12.5);
  EXPECT_EQ(read_as_write_shape(json("12.5"), kFieldNumber), 12.5);
  EXPECT_EQ(read_as_write_shape(json::parse(R"(["a","b"])"), kFieldMultiSelect), json::parse(R"(["a","b"])"));
  EXPECT_EQ(read_as_write_shape(json(true), kFieldCheckbox), true);
  EXPECT_TRUE(read_as_write_shape(json::object(), kFieldText).is_null());
  EXPECT_TRUE(read_as_write_shape(json::parse(R"({"link":5})"), kFieldUrl).is_null());
}

constexpr char kStudentsPage[] = R"({"code":0,"msg":"success","data":{"has_more":true,"page_token":"tok+/=","total":3,"items":[
  {"record_id":"recS1","fields":{"用户ID":[{"type":"text","text":" u_1 "}],"昵称":[{"type":"text","text":"Grace, NVC"}],"手机号":"13800138000","城市":[{"type":"text","text":"深圳"}]}},
  {"record_id":"recS2","fields":{"用户ID":[{"type":"text","text":"u_2"}],"昵称":{},"手机号":null}},
  {"record_id":"recS3"},
  {"fields":{"用户ID":"no record id"}}
]}})";

TEST(SearchResponse, ParsesStudentsWithEmptyShapes) {
  std::vector<ExtraColumn> extras{{"城 市", TableKind::kStudents, "城市", kFieldText}};
  auto page = parse_search_response(kStudentsPage, TableKind::kStudents, SyncSchema{}, extras);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->page_token, "tok+/=");
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->students.size(), 3u);
  EXPECT_EQ(page->students[0].user_id, "u_1");  // cleaned like file IDs
  EXPECT_EQ(page->students[0].nickname, "Grace, NVC");
  EXPECT_EQ(page->students[0].phone, "13800138000");
  ASSERT_EQ(page->students[0].extras.size(), 1u);
  EXPECT_EQ(page->students[0].extras[0].value, "深圳");
  EXPECT_EQ(page->students[1].nickname, "");
  EXPECT_EQ(page->students[1].phone, "");
  EXPECT_EQ(page->students[2].user_id, "");
}

TEST(SearchResponse, ParsesRecords) {
  auto page = parse_search_response(
      R"({"code":0,"data":{"has_more":false,"total":1,"items":[{"record_id":"recR1","fields":{
          "用户ID":[{"type":"text","text":"u_1"}],"课程":[{"type":"text","text":"课A"}],"学习日期":1705248000000,
          "关联到学员总表":{"link_record_ids":["recS1"]}}}]}})",
      TableKind::kRecords, SyncSchema{});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->records.size(), 1u);
  const RecordSnapshot& r = page->records[0];
  EXPECT_EQ(r.user_id, "u_1");
  EXPECT_EQ(r.course, "课A");
  EXPECT_EQ(r.date_ms, 1705248000000LL);
  EXPECT_EQ(r.student_ids, std::vector<std::string>{"recS1"});
  Snapshot snap;
  append_page(snap, std::move(page).value());
  EXPECT_EQ(snap.records.size(), 1u);
}

TEST(SearchResponse, EmptyResultHasNoItems) {
  auto page = parse_search_response(R"({"code":0,"data":{"has_more":false,"total":0}})", TableKind::kRecords, SyncSchema{});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->records.empty());
}

TEST(SearchResponse, FeishuErrorKeepsItsCode) {
  auto page = parse_search_response(
      R"({"code":1254045,"msg":"FieldNameNotFound","error":{"message":"field_name not found"}})", TableKind::kStudents,
      SyncSchema{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, 1254045);
  EXPECT_NE(page.error().message.find("FieldNameNotFound"), std::string::npos);
}

TEST(SearchResponse, MalformedAnswersAreErrorsNotExceptions) {
  for (const char* body : {"", "<html>", "[]", R"({"msg":"x"})", R"({"code":"0"})", R"({"code":0,"data":5})",
                           R"({"code":0,"data":{"items":{}}})", R"({"code":0,"data":{"has_more":true}})"}) {
    auto page = parse_search_response(body, TableKind::kStudents, SyncSchema{});
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.error().code, kErrBadJson) << body;
  }
}

}  // namespace
}  // namespace ss
