// Tables and fields endpoints, the demo Base, unknown paths (feishu-bitable-api.md §1.5, §5, §11.7–11.8).
#include "emulator_harness.h"

namespace emulator_test {
namespace {

const std::string kTables = std::string("/open-apis/bitable/v1/apps/") + kApp + "/tables";

TEST(Schema, DemoBaseHasBothTablesWithFixedIds) {
  Emulator emu;
  Reply r = emu.get(kTables);
  ASSERT_EQ(r.code(), 0) << r.raw;
  ASSERT_EQ(r.data()["items"].size(), 2u);
  EXPECT_EQ(r.data()["items"][0]["table_id"], kStudents);
  EXPECT_EQ(r.data()["items"][0]["name"], "学员总表");
  EXPECT_EQ(r.data()["items"][1]["table_id"], kRecords);
  EXPECT_EQ(r.data()["items"][1]["name"], "学习记录表");
}

TEST(Schema, DemoFieldsMatchArchitectureIncludingDuplexBackField) {
  Emulator emu;
  Reply s = emu.get(Emulator::table_path(kStudents, "/fields"));
  ASSERT_EQ(s.code(), 0);
  std::vector<std::string> names;
  for (const auto& f : s.data()["items"]) names.push_back(f["field_name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"用户ID", "昵称", "手机号", "学习记录"}));
  EXPECT_TRUE(s.data()["items"][0]["is_primary"].get<bool>());
  EXPECT_EQ(s.data()["items"][2]["type"], 13);
  const json back = s.data()["items"][3];
  EXPECT_EQ(back["type"], 21);
  EXPECT_EQ(back["property"]["table_id"], kRecords);
  EXPECT_EQ(back["property"]["back_field_name"], "关联到学员总表");
  Reply r = emu.get(Emulator::table_path(kRecords, "/fields"));
  EXPECT_EQ(r.data()["items"][2]["type"], 5);
  EXPECT_EQ(r.data()["items"][3]["property"]["back_field_name"], "学习记录");
  EXPECT_EQ(r.data()["items"][3]["property"]["table_name"], "学员总表");
}

TEST(Schema, CreateTableWithFieldsAndListIt) {
  Emulator emu;
  Reply r = emu.post(kTables, {{"table", {{"name", "班级表"}, {"default_view_name", "表格"},
                                          {"fields", {{{"field_name", "班级"}, {"type", 1}},
                                                      {{"field_name", "人数"}, {"type", 2}}}}}}});
  ASSERT_EQ(r.code(), 0) << r.raw;
  EXPECT_EQ(r.data()["field_id_list"].size(), 2u);
  EXPECT_EQ(r.data()["table_id"].get<std::string>().rfind("tbl", 0), 0u);
  Reply fields = emu.get(kTables + "/" + r.data()["table_id"].get<std::string>() + "/fields");
  EXPECT_EQ(fields.data()["total"], 2);
  EXPECT_EQ(emu.get(kTables).data()["total"], 3);
}

TEST(Schema, TableErrors) {
  Emulator emu;
  EXPECT_EQ(emu.post(kTables, {{"table", {{"name", "学员总表"}}}}).code(), 1254013);
  EXPECT_EQ(emu.post(kTables, {{"table", json::object()}}).code(), 1254001);
  Reply bad_type = emu.post(kTables, {{"table", {{"name", "x"}, {"fields", {{{"field_name", "a"}, {"type", 19}}}}}}});
  EXPECT_EQ(bad_type.code(), 1254012);
  EXPECT_EQ(emu.get("/open-apis/bitable/v1/apps/bascnMissing/tables").code(), 1254040);
  Reply missing_table = emu.get(Emulator::table_path("tblMissing", "/fields"));
  EXPECT_EQ(missing_table.status, 400);
  EXPECT_EQ(missing_table.code(), 1254041);
}

TEST(Schema, TablesPageAcrossPages) {
  Emulator emu;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(emu.post(kTables, {{"table", {{"name", "t" + std::to_string(i)}}}}).code(), 0);
  Reply p1 = emu.get(kTables + "?page_size=2");
  EXPECT_TRUE(p1.data()["has_more"].get<bool>());
  Reply p2 = emu.get(kTables + "?page_size=2&page_token=" + p1.data()["page_token"].get<std::string>());
  Reply p3 = emu.get(kTables + "?page_size=2&page_token=" + p2.data()["page_token"].get<std::string>());
  EXPECT_EQ(p3.data()["items"].size(), 1u);
  EXPECT_FALSE(p3.data()["has_more"].get<bool>());
  EXPECT_FALSE(p3.data().contains("page_token"));
}

TEST(Schema, CreateEveryDocumentedFieldType) {
  Emulator emu;
  const std::string path = Emulator::table_path(kStudents, "/fields");
  for (int type : {1, 2, 3, 4, 5, 7, 13, 15, 1001, 1002}) {
    Reply r = emu.post(path, {{"field_name", "f" + std::to_string(type)}, {"type", type}});
    EXPECT_EQ(r.code(), 0) << type << r.raw;
    EXPECT_EQ(r.data()["field"]["type"], type);
  }
  Reply single = emu.post(path, {{"field_name", "单向"}, {"type", 18}, {"property", {{"table_id", kRecords}}}});
  EXPECT_EQ(single.code(), 0) << single.raw;
  EXPECT_EQ(single.data()["field"]["ui_type"], "SingleLink");
  // A single link has no back field.
  EXPECT_EQ(emu.get(Emulator::table_path(kRecords, "/fields")).data()["total"], 4);
}

TEST(Schema, DuplexFieldCreatesBackFieldInOtherTable) {
  Emulator emu;
  Reply r = emu.post(Emulator::table_path(kRecords, "/fields"),
                     {{"field_name", "助教"}, {"type", 21}, {"property", {{"table_id", kStudents}, {"back_field_name", "助教记录"}}}});
  ASSERT_EQ(r.code(), 0) << r.raw;
  const std::string back_id = r.data()["field"]["property"]["back_field_id"];
  Reply s = emu.get(Emulator::table_path(kStudents, "/fields"));
  const json last = s.data()["items"].back();
  EXPECT_EQ(last["field_name"], "助教记录");
  EXPECT_EQ(last["field_id"], back_id);
  EXPECT_EQ(last["property"]["back_field_id"], r.data()["field"]["field_id"]);
}

TEST(Schema, FieldErrors) {
  Emulator emu;
  const std::string path = Emulator::table_path(kStudents, "/fields");
  EXPECT_EQ(emu.post(path, {{"field_name", "昵称"}, {"type", 1}}).code(), 1254014);
  EXPECT_EQ(emu.post(path, {{"field_name", " 昵称 "}, {"type", 1}}).code(), 1254014);  // names are trimmed
  EXPECT_EQ(emu.post(path, {{"field_name", "查找"}, {"type", 19}}).code(), 1254012);
  EXPECT_EQ(emu.post(path, {{"field_name", "l"}, {"type", 21}, {"property", {{"table_id", "tblNope"}}}}).code(), 1254041);
  EXPECT_EQ(emu.post(path, {{"type", 1}}).code(), 1254001);
  Reply bad_json = emu.call("POST", path, nullptr);  // empty body → {} → missing field_name
  EXPECT_EQ(bad_json.code(), 1254001);
}

TEST(Schema, FieldsPageSizeLimits) {
  Emulator emu;
  const std::string path = Emulator::table_path(kStudents, "/fields");
  Reply p = emu.get(path + "?page_size=2");
  EXPECT_EQ(p.data()["items"].size(), 2u);
  EXPECT_TRUE(p.data()["has_more"].get<bool>());
  EXPECT_EQ(emu.get(path + "?page_size=0").code(), 1254011);
  EXPECT_EQ(emu.get(path + "?page_size=101").code(), 1254001);
  EXPECT_EQ(emu.get(path + "?page_size=abc").code(), 1254010);
  EXPECT_EQ(emu.get(path + "?page_token=garbage").code(), 1254030);
}

TEST(Schema, UnknownPathAndWrongMethodArePlain404) {
  Emulator emu;
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/open-apis/unknown"},
           {"GET", "/open-apis/auth/v3/tenant_access_token/internal"},
           {"GET", Emulator::table_path(kStudents, "/records/search")}}) {
    Reply r = emu.call(method, path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.raw, "404 page not found");
    EXPECT_TRUE(r.body.is_discarded());
  }
}

TEST(Schema, InvalidJsonBodyGives1254000) {
  Emulator emu;
  httplib::Client cli("127.0.0.1", emu.port);
  httplib::Headers h = {{"Authorization", "Bearer " + emu.token()}};
  auto r = cli.Post(Emulator::table_path(kStudents, "/records/search").c_str(), h, "{not json", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["code"], 1254000);
}

// A body nested 100,000 levels deep once exhausted a worker's stack and took the emulator down.
TEST(Schema, DeeplyNestedBodyGives1254000AndTheEmulatorStaysUp) {
  Emulator emu;
  httplib::Client cli("127.0.0.1", emu.port);
  httplib::Headers h = {{"Authorization", "Bearer " + emu.token()}};
  const std::string deep = "{\"records\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = cli.Post(Emulator::table_path(kStudents, "/records/batch_create").c_str(), h, deep, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["code"], 1254000);
  auto after = cli.Post(Emulator::table_path(kStudents, "/records/search").c_str(), h, "{}", "application/json");
  ASSERT_TRUE(after);
  EXPECT_EQ(json::parse(after->body)["code"], 0);
}

}  // namespace
}  // namespace emulator_test
