// Tests for feishu/write_request: write shapes, batching, link resolution, batch_create answers.
#include "feishu/write_request.h"

#include <gtest/gtest.h>

#include "plan_test_support.h"

namespace ss {
namespace {

using nlohmann::json;

Plan sample_plan() {
  ImportRows rows;
  rows.rows = {test::make_row(2, "u1", "张三", "13800138000", "课A", {2024, 1, 15}),
               test::make_row(3, "u2", "", "", "课A", {2024, 1, 15})};
  Snapshot snap;
  snap.students = {test::make_student("recS2", "u2", "旧", "")};
  snap.students[0].nickname = "";
  rows.rows[1].set_nickname("李四");
  return make_plan(rows, snap, SyncSchema{});
}

TEST(WriteRequest, SplitsIntoBatchesOfAtMostTheLimit) {
  auto b = split_batches(1001, 500);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].size(), 500u);
  EXPECT_EQ(b[2].begin, 1000u);
  EXPECT_EQ(b[2].size(), 1u);
  EXPECT_TRUE(split_batches(0, 500).empty());
  EXPECT_EQ(split_batches(10, 0).size(), 1u);
}

TEST(WriteRequest, StudentCreateUsesWriteShapes) {
  Plan p = sample_plan();
  json body = student_create_body(p, {0, p.student_creates.size()}, SyncSchema{});
  EXPECT_EQ(body, json::parse(R"({"records":[{"fields":{"用户ID":"u1","昵称":"张三","手机号":"13800138000"}}]})"));
}

TEST(WriteRequest, StudentUpdateSendsOnlyChangedFields) {
  Plan p = sample_plan();
  json body = student_update_body(p, {0, 1}, SyncSchema{});
  EXPECT_EQ(body, json::parse(R"({"records":[{"record_id":"recS2","fields":{"昵称":"李四"}}]})"));
}

TEST(WriteRequest, RecordLinksResolveAfterStudentsAreCreated) {
  Plan p = sample_plan();
  ASSERT_EQ(p.record_creates.size(), 2u);
  RecordPartition before = partition_records(p, {});
  EXPECT_EQ(before.ready, std::vector<size_t>{1});
  EXPECT_EQ(before.blocked, std::vector<size_t>{0});
  EXPECT_FALSE(record_create_body(p, {0, 1}, {}, SyncSchema{}).ok());

  const std::vector<std::string> created{"recNew1"};
  auto body = record_create_body(p, partition_records(p, created).ready, created, SyncSchema{});
  ASSERT_TRUE(body.ok());
  const json& first = (*body)["records"][0]["fields"];
  EXPECT_EQ(first["用户ID"], "u1");
  EXPECT_EQ(first["课程"], "课A");
  EXPECT_EQ(first["学习日期"], 1705248000000LL);
  EXPECT_EQ(first["关联到学员总表"], json::array({"recNew1"}));
  EXPECT_EQ((*body)["records"][1]["fields"]["关联到学员总表"], json::array({"recS2"}));
}

TEST(WriteRequest, PhoneFieldNeverReceivesInvalidCharacters) {
  StudentCreate s;
  s.set_user_id("u1");
  s.set_phone("138-0013");
  SyncSchema schema;
  EXPECT_FALSE(student_create_fields(s, {}, schema).contains("手机号"));
  schema.phone_field_type = kFieldText;
  EXPECT_EQ(student_create_fields(s, {}, schema)["手机号"], "138-0013");
}

TEST(WriteRequest, BatchCreateAnswerGivesIdsInOrder) {
  auto ids = parse_batch_create_response(
      R"({"code":0,"data":{"records":[{"record_id":"recA","fields":{}},{"record_id":"recB","fields":{}}]}})", 2);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"recA", "recB"}));
  EXPECT_FALSE(parse_batch_create_response(R"({"code":0,"data":{"records":[{"record_id":"recA"}]}})", 2).ok());
  auto err = parse_batch_create_response(R"({"code":1254291,"msg":"Write conflict"})", 2);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code, 1254291);
}

}  // namespace
}  // namespace ss
