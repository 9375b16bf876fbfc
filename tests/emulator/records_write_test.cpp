// Record writes: shapes, conversion codes, all-or-nothing batches, links both ways (§3.4–3.6, §5, §7).
#include "types_table.h"

namespace emulator_test {
namespace {

TEST(RecordsWrite, BatchCreateEchoesWriteShapesAndAdminShowsThem) {
  Emulator emu;
  Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_create"),
                     {{"records", {{{"fields", {{"用户ID", "u1"}, {"昵称", "张三"}, {"手机号", "+8613800138000"}}}},
                                   {{"fields", {{"用户ID", "u2"}}}}}}});
  ASSERT_EQ(r.code(), 0) << r.raw;
  ASSERT_EQ(r.data()["records"].size(), 2u);
  EXPECT_EQ(r.data()["records"][0]["fields"]["昵称"], "张三");  // plain string, not segments
  EXPECT_EQ(r.data()["records"][0]["record_id"].get<std::string>().rfind("rec", 0), 0u);
  const json admin = emu.admin_records(kStudents);
  ASSERT_EQ(admin["records"].size(), 2u);
  EXPECT_EQ(admin["records"][0]["fields"]["手机号"], "+8613800138000");
  EXPECT_FALSE(admin["records"][1]["fields"].contains("昵称"));
}

TEST(RecordsWrite, EveryTypeAcceptsItsWriteShape) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  auto students = emu.create(kStudents, {{{"用户ID", "s1"}}, {{"用户ID", "s2"}}});
  Reply r = emu.post(Emulator::table_path(t, "/records/batch_create"),
                     {{"records", {{{"fields", {{"文本", "abc"}, {"数字", 12.5}, {"单选", "毕业"}, {"多选", {"数学", "物理"}},
                                                {"日期", 1725120000000LL}, {"勾选", true}, {"电话", "13800138000"},
                                                {"网址", {{"text", "主页"}, {"link", "https://example.com"}}},
                                                {"单向", {students[0]}}, {"双向", {students[0], students[1]}}}}}}}});
  ASSERT_EQ(r.code(), 0) << r.raw;
  const json admin = emu.admin_records(t)["records"][0]["fields"];
  EXPECT_EQ(admin["数字"], 12.5);
  EXPECT_EQ(admin["网址"]["link"], "https://example.com");
  EXPECT_EQ(admin["双向"].size(), 2u);
  EXPECT_TRUE(admin.contains("创建时间"));
  // Unknown select names create options (§9.5).
  Reply fields = emu.get(Emulator::table_path(t, "/fields"));
  EXPECT_EQ(fields.data()["items"][2]["property"]["options"].size(), 2u);
  EXPECT_EQ(fields.data()["items"][3]["property"]["options"].size(), 2u);
}

struct BadValue {
  const char* field;
  json value;
  long code;
};

TEST(RecordsWrite, WrongShapesGiveDocumentedConversionCodes) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  const std::vector<BadValue> cases = {
      {"文本", 5, 1254060},
      {"文本", json::array({{{"type", "text"}, {"text", "read shape"}}}), 1254060},
      {"数字", "12", 1254061},
      {"单选", json::array({"a"}), 1254062},
      {"多选", "a", 1254063},
      {"日期", "2024-09-01", 1254064},
      {"日期", 1725120000, 1254064},  // seconds instead of ms
      {"勾选", "true", 1254065},
      {"单向", "recX", 1254067},
      {"单向", json::array({"recDoesNotExist"}), 1254067},
      {"网址", "https://example.com", 1254068},
      {"电话", "138-0013-8000", 1254072},
      {"电话", std::string(65, '1'), 1254072},
      {"双向", "recX", 1254074},
      {"双向", json{{"link_record_ids", {"recX"}}}, 1254074},
      {"创建时间", 1, 1254015},
      {"没有这个字段", "x", 1254045},
  };
  for (const auto& c : cases) {
    Reply r = emu.post(Emulator::table_path(t, "/records/batch_create"),
                       {{"records", {{{"fields", {{c.field, c.value}}}}}}});
    EXPECT_EQ(r.code(), c.code) << c.field << " = " << c.value.dump() << " → " << r.raw;
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.body["error"]["message"].is_string());
  }
  EXPECT_EQ(emu.admin_records(t)["records"].size(), 0u);
}

TEST(RecordsWrite, BatchIsAllOrNothing) {
  Emulator emu;
  Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_create"),
                     {{"records", {{{"fields", {{"用户ID", "ok"}}}}, {{"fields", {{"手机号", "bad phone"}}}}}}});
  EXPECT_EQ(r.code(), 1254072);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 0u);
  auto ids = emu.create(kStudents, {{{"用户ID", "a"}}});
  Reply u = emu.post(Emulator::table_path(kStudents, "/records/batch_update"),
                     {{"records", {{{"record_id", ids[0]}, {"fields", {{"昵称", "changed"}}}},
                                   {{"record_id", "recMissing"}, {"fields", {{"昵称", "x"}}}}}}});
  EXPECT_EQ(u.code(), 1254043);
  EXPECT_FALSE(emu.admin_records(kStudents)["records"][0]["fields"].contains("昵称"));
  Reply d = emu.post(Emulator::table_path(kStudents, "/records/batch_delete"), {{"records", {ids[0], "recMissing"}}});
  EXPECT_EQ(d.code(), 1254043);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
}

TEST(RecordsWrite, BatchLimitIs500AndConfigurable) {
  Emulator emu;
  json records = json::array();
  for (int i = 0; i < 501; ++i) records.push_back({{"fields", {{"用户ID", "u" + std::to_string(i)}}}});
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_create"), {{"records", records}}).code(), 1254104);
  records.erase(records.begin());
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_create"), {{"records", records}}).code(), 0);
  auto o = Emulator::defaults();
  o.max_batch = 3;
  Emulator small(o);
  json four = json::array({{{"fields", json::object()}}, {{"fields", json::object()}}, {{"fields", json::object()}},
                           {{"fields", json::object()}}});
  EXPECT_EQ(small.post(Emulator::table_path(kStudents, "/records/batch_update"),
                       {{"records", four}}).code(), 1254104);
  EXPECT_EQ(small.post(Emulator::table_path(kStudents, "/records/batch_create"), {{"records", four}}).code(), 1254104);
}

TEST(RecordsWrite, UpdateIsIncrementalAndNullClears) {
  Emulator emu;
  auto ids = emu.create(kStudents, {{{"用户ID", "u1"}, {"昵称", "张三"}, {"手机号", "1"}}});
  Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_update"),
                     {{"records", {{{"record_id", ids[0]}, {"fields", {{"昵称", "李四"}, {"手机号", nullptr}}}}}}});
  ASSERT_EQ(r.code(), 0) << r.raw;
  EXPECT_TRUE(r.data()["records"][0]["fields"]["手机号"].is_null());
  const json f = emu.admin_records(kStudents)["records"][0]["fields"];
  EXPECT_EQ(f["用户ID"], "u1");
  EXPECT_EQ(f["昵称"], "李四");
  EXPECT_FALSE(f.contains("手机号"));
}

TEST(RecordsWrite, SingleRecordCreateUpdateDelete) {
  Emulator emu;
  Reply c = emu.post(Emulator::table_path(kStudents, "/records"), {{"fields", {{"用户ID", "one"}}}});
  ASSERT_EQ(c.code(), 0) << c.raw;
  const std::string id = c.data()["record"]["record_id"];
  Reply u = emu.call("PUT", Emulator::table_path(kStudents, "/records/" + id), {{"fields", {{"昵称", "壹"}}}});
  EXPECT_EQ(u.code(), 0) << u.raw;
  EXPECT_EQ(u.data()["record"]["fields"]["昵称"], "壹");
  EXPECT_EQ(emu.call("PUT", Emulator::table_path(kStudents, "/records/recNope"), {{"fields", json::object()}}).code(),
            1254043);
  Reply d = emu.call("DELETE", Emulator::table_path(kStudents, "/records/" + id));
  EXPECT_EQ(d.code(), 0);
  EXPECT_EQ(d.data()["deleted"], true);
  EXPECT_EQ(d.data()["record_id"], id);
  EXPECT_EQ(emu.call("DELETE", Emulator::table_path(kStudents, "/records/" + id)).code(), 1254043);
}

TEST(RecordsWrite, DuplexLinkShowsOnBothSidesAtOnce) {
  Emulator emu;
  auto s = emu.create(kStudents, {{{"用户ID", "u1"}}, {{"用户ID", "u2"}}});
  auto r = emu.create(kRecords, {{{"用户ID", "u1"}, {"关联到学员总表", {s[0]}}}, {{"用户ID", "u1"}, {"关联到学员总表", {s[0]}}}});
  json students = emu.admin_records(kStudents)["records"];
  EXPECT_EQ(students[0]["fields"]["学习记录"], json({r[0], r[1]}));
  // Moving a learning record to another student updates both back cells.
  ASSERT_EQ(emu.post(Emulator::table_path(kRecords, "/records/batch_update"),
                     {{"records", {{{"record_id", r[1]}, {"fields", {{"关联到学员总表", {s[1]}}}}}}}}).code(), 0);
  students = emu.admin_records(kStudents)["records"];
  EXPECT_EQ(students[0]["fields"]["学习记录"], json({r[0]}));
  EXPECT_EQ(students[1]["fields"]["学习记录"], json({r[1]}));
  // Writing the back field updates the forward side too.
  ASSERT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_update"),
                     {{"records", {{{"record_id", s[1]}, {"fields", {{"学习记录", nullptr}}}}}}}).code(), 0);
  EXPECT_FALSE(emu.admin_records(kRecords)["records"][1]["fields"].contains("关联到学员总表"));
}

TEST(RecordsWrite, DeletingRecordRemovesItFromLinks) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  auto s = emu.create(kStudents, {{{"用户ID", "u1"}}, {{"用户ID", "u2"}}});
  auto r = emu.create(kRecords, {{{"关联到学员总表", {s[0], s[1]}}}});
  emu.create(t, {{{"单向", {s[0]}}, {"双向", {s[0]}}}});
  Reply d = emu.post(Emulator::table_path(kStudents, "/records/batch_delete"), {{"records", {s[0]}}});
  ASSERT_EQ(d.code(), 0) << d.raw;
  EXPECT_EQ(d.data()["records"][0]["deleted"], true);
  EXPECT_EQ(emu.admin_records(kRecords)["records"][0]["fields"]["关联到学员总表"], json({s[1]}));
  const json typed = emu.admin_records(t)["records"][0]["fields"];
  EXPECT_FALSE(typed.contains("单向"));
  EXPECT_FALSE(typed.contains("双向"));
  // And deleting the learning record clears the student's back cell.
  ASSERT_EQ(emu.post(Emulator::table_path(kRecords, "/records/batch_delete"), {{"records", {r[0]}}}).code(), 0);
  EXPECT_FALSE(emu.admin_records(kStudents)["records"][0]["fields"].contains("学习记录"));
}

TEST(RecordsWrite, BodyShapeErrors) {
  Emulator emu;
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_create"), json::object()).code(), 1254001);
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_create"), {{"records", json::array()}}).code(), 1254001);
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_update"), {{"records", {{{"fields", json::object()}}}}}).code(),
            1254001);
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_delete"), {{"records", {1, 2}}}).code(), 1254001);
  EXPECT_EQ(emu.post(Emulator::table_path("tblNope", "/records/batch_create"), {{"records", {{{"fields", json::object()}}}}}).code(),
            1254041);
  EXPECT_EQ(emu.post("/open-apis/bitable/v1/apps/bascnNope/tables/tblNope/records/batch_delete", {{"records", {"recA"}}}).code(),
            1254040);
}

}  // namespace
}  // namespace emulator_test
