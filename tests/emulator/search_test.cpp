// records/search and batch_get: read shapes, paging, filters, sort (§3.1, §3.3, §4, §5).
#include "types_table.h"

namespace emulator_test {
namespace {

json search(Emulator& emu, const std::string& table, const json& body, const std::string& query = "") {
  Reply r = emu.post(Emulator::table_path(table, "/records/search" + query), body);
  EXPECT_EQ(r.code(), 0) << r.raw;
  return r.data();
}

std::vector<std::string> user_ids(const json& data, const char* field = "用户ID") {
  std::vector<std::string> out;
  for (const auto& item : data["items"])
    out.push_back(item["fields"].contains(field) ? item["fields"][field][0]["text"].get<std::string>() : "");
  return out;
}

json cond(const std::string& field, const std::string& op, const json& value) {
  return {{"field_name", field}, {"operator", op}, {"value", value}};
}

// A vector, not a json: `const json& x = {one_json}` would copy the element instead of making an array.
json where(const std::vector<json>& conditions, const std::string& conjunction = "and") {
  return {{"filter", {{"conjunction", conjunction}, {"conditions", json(conditions)}}}};
}

TEST(Search, ReadShapesSegmentsLinksAndOmittedEmpties) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  auto s = emu.create(kStudents, {{{"用户ID", "s1"}}});
  emu.create(t, {{{"文本", "abc"}, {"数字", 3}, {"勾选", true}, {"双向", {s[0]}},
                  {"网址", {{"text", "主页"}, {"link", "https://e.com"}}}, {"日期", 1725120000000LL}},
                 {{"勾选", false}}});
  json data = search(emu, t, {{"automatic_fields", true}});
  ASSERT_EQ(data["items"].size(), 2u);
  const json f = data["items"][0]["fields"];
  EXPECT_EQ(f["文本"], json::parse(R"([{"text":"abc","type":"text"}])"));
  EXPECT_EQ(f["数字"], 3);
  EXPECT_EQ(f["勾选"], true);
  EXPECT_EQ(f["双向"], json({{"link_record_ids", {s[0]}}}));
  EXPECT_EQ(f["网址"], json({{"link", "https://e.com"}, {"text", "主页"}}));
  EXPECT_EQ(f["日期"], 1725120000000LL);
  EXPECT_TRUE(data["items"][0].contains("created_time"));
  // The second record has only automatic times: unchecked checkbox and empty cells are omitted.
  const json g = data["items"][1]["fields"];
  EXPECT_FALSE(g.contains("勾选"));
  EXPECT_FALSE(g.contains("文本"));
  EXPECT_TRUE(g.contains("创建时间"));
  // Back field seen from the students table, also as link_record_ids.
  json back = search(emu, kStudents, json::object())["items"][0]["fields"]["类型表"];
  EXPECT_EQ(back["link_record_ids"].size(), 1u);
}

TEST(Search, PagesAcrossPagesWithTotalAndTokenOnlyWhenMore) {
  Emulator emu;
  json fields = json::array();
  for (int i = 0; i < 45; ++i) fields.push_back({{"用户ID", "u" + std::to_string(100 + i)}});
  emu.create(kStudents, fields);
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    json data = search(emu, kStudents, json::object(), token.empty() ? "" : "?page_token=" + token);
    EXPECT_EQ(data["total"], 45);
    for (const auto& id : user_ids(data)) seen.push_back(id);
    token = data["has_more"].get<bool>() ? data["page_token"].get<std::string>() : "";
    if (!data["has_more"].get<bool>()) {
      EXPECT_FALSE(data.contains("page_token"));
    }
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);  // default page_size 20
  ASSERT_EQ(seen.size(), 45u);
  EXPECT_EQ(seen.front(), "u100");
  EXPECT_EQ(seen.back(), "u144");
  EXPECT_EQ(search(emu, kStudents, json::object(), "?page_size=500")["items"].size(), 45u);
}

TEST(Search, PageSizeAndTokenErrors) {
  Emulator emu;
  const std::string p = Emulator::table_path(kStudents, "/records/search");
  EXPECT_EQ(emu.post(p + "?page_size=501", json::object()).code(), 1254001);
  EXPECT_EQ(emu.post(p + "?page_size=0", json::object()).code(), 1254011);
  EXPECT_EQ(emu.post(p + "?page_token=bogus", json::object()).code(), 1254030);
  EXPECT_EQ(emu.post(p, {{"field_names", {"nope"}}}).code(), 1254045);
  EXPECT_EQ(emu.post(p, {{"field_names", "用户ID"}}).code(), 1254024);
  EXPECT_EQ(emu.post(p, {{"sort", {{{"field_name", "nope"}}}}}).code(), 1254045);
  EXPECT_EQ(emu.post(p, {{"sort", "用户ID"}}).code(), 1254016);
  EXPECT_EQ(emu.post(p, {{"filter", {{"conjunction", "xor"}}}}).code(), 1254018);
  EXPECT_EQ(emu.post(Emulator::table_path("tblNope", "/records/search"), json::object()).code(), 1254041);
}

TEST(Search, FieldNamesProjects) {
  Emulator emu;
  emu.create(kStudents, {{{"用户ID", "u1"}, {"昵称", "张三"}}});
  json f = search(emu, kStudents, {{"field_names", {"昵称"}}})["items"][0]["fields"];
  EXPECT_TRUE(f.contains("昵称"));
  EXPECT_FALSE(f.contains("用户ID"));
}

TEST(Search, TextOperators) {
  Emulator emu;
  emu.create(kStudents, {{{"用户ID", "u1"}, {"昵称", "张三丰"}}, {{"用户ID", "u2"}, {"昵称", "李四"}}, {{"用户ID", "u3"}}});
  EXPECT_EQ(user_ids(search(emu, kStudents, where({cond("昵称", "is", {"李四"})}))), std::vector<std::string>{"u2"});
  EXPECT_EQ(user_ids(search(emu, kStudents, where({cond("昵称", "isNot", {"李四"})}))),
            (std::vector<std::string>{"u1", "u3"}));
  EXPECT_EQ(user_ids(search(emu, kStudents, where({cond("昵称", "contains", {"三"})}))), std::vector<std::string>{"u1"});
  EXPECT_EQ(user_ids(search(emu, kStudents, where({cond("昵称", "doesNotContain", {"三"})}))),
            (std::vector<std::string>{"u2", "u3"}));
  EXPECT_EQ(user_ids(search(emu, kStudents, where({cond("昵称", "isEmpty", json::array())}))), std::vector<std::string>{"u3"});
  EXPECT_EQ(search(emu, kStudents, where({cond("昵称", "isNotEmpty", json::array())}))["total"], 2);
}

TEST(Search, FilterRules) {
  Emulator emu;
  const std::string p = Emulator::table_path(kStudents, "/records/search");
  // isEmpty without an explicit "value": [] is a missing-value error (§4).
  EXPECT_EQ(emu.post(p, {{"filter", {{"conjunction", "and"}, {"conditions", {{{"field_name", "昵称"}, {"operator", "isEmpty"}}}}}}}).code(),
            1254018);
  EXPECT_EQ(emu.post(p, where({cond("昵称", "like", {"a"})})).code(), 1254018);
  EXPECT_EQ(emu.post(p, where({cond("昵称", "isGreater", {"a"})})).code(), 1254018);
  EXPECT_EQ(emu.post(p, where({cond("没有", "is", {"a"})})).code(), 1254045);
  json two_levels = {{"filter", {{"conjunction", "and"},
                                 {"children", {{{"conjunction", "or"},
                                                {"children", {{{"conjunction", "and"}, {"conditions", json::array()}}}}}}}}}};
  EXPECT_EQ(emu.post(p, two_levels).code(), 1254018);
}

TEST(Search, NumberSelectCheckboxAndLinkOperators) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  auto s = emu.create(kStudents, {{{"用户ID", "s1"}}, {{"用户ID", "s2"}}});
  emu.create(t, {{{"文本", "a"}, {"数字", 1}, {"单选", "在读"}, {"多选", {"数学", "物理"}}, {"勾选", true}, {"双向", {s[0]}}},
                 {{"文本", "b"}, {"数字", 5}, {"单选", "毕业"}, {"多选", {"语文"}}, {"双向", {s[0], s[1]}}},
                 {{"文本", "c"}, {"数字", 10}}});
  auto texts = [&](const std::vector<json>& conditions, const std::string& conj = "and") {
    return user_ids(search(emu, t, where(conditions, conj)), "文本");
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(texts({cond("数字", "isGreater", {"1"})}), (V{"b", "c"}));
  EXPECT_EQ(texts({cond("数字", "isGreaterEqual", {"5"})}), (V{"b", "c"}));
  EXPECT_EQ(texts({cond("数字", "isLess", {"5"})}), (V{"a"}));
  EXPECT_EQ(texts({cond("数字", "isLessEqual", {"5"})}), (V{"a", "b"}));
  EXPECT_EQ(texts({cond("数字", "is", {"10"})}), (V{"c"}));
  EXPECT_EQ(texts({cond("单选", "is", {"在读"})}), (V{"a"}));
  EXPECT_EQ(texts({cond("单选", "contains", {"在读", "毕业"})}), (V{"a", "b"}));
  EXPECT_EQ(texts({cond("多选", "contains", {"物理"})}), (V{"a"}));
  EXPECT_EQ(texts({cond("多选", "doesNotContain", {"物理"})}), (V{"b", "c"}));
  EXPECT_EQ(texts({cond("勾选", "is", {"true"})}), (V{"a"}));
  EXPECT_EQ(texts({cond("勾选", "is", {"false"})}), (V{"b", "c"}));
  EXPECT_EQ(texts({cond("双向", "contains", {s[1]})}), (V{"b"}));
  EXPECT_EQ(texts({cond("双向", "isEmpty", json::array())}), (V{"c"}));
  EXPECT_EQ(emu.post(Emulator::table_path(t, "/records/search"), where({cond("数字", "is", {"many"})})).code(), 1254018);
  // or + children (one level).
  json nested = {{"filter", {{"conjunction", "or"},
                             {"conditions", {cond("文本", "is", {"c"})}},
                             {"children", {{{"conjunction", "and"},
                                            {"conditions", {cond("数字", "isGreater", {"0"}), cond("勾选", "is", {"true"})}}}}}}}};
  EXPECT_EQ(user_ids(search(emu, t, nested), "文本"), (V{"a", "c"}));
}

TEST(Search, ExactDateSnapsToShanghaiMidnight) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  // 2024-09-01 00:00 and 23:30 in Asia/Shanghai, and 2024-09-02 00:00.
  const int64_t day = 1725120000000LL;
  emu.create(t, {{{"文本", "start"}, {"日期", day}}, {{"文本", "late"}, {"日期", day + 23 * 3600000LL + 1800000}},
                 {{"文本", "next"}, {"日期", day + 86400000LL}}});
  auto texts = [&](const std::string& op, const std::string& ms) {
    return user_ids(search(emu, t, where({cond("日期", op, {"ExactDate", ms})})), "文本");
  };
  using V = std::vector<std::string>;
  // Any instant of the day means the whole day: 12:00 Shanghai time on 2024-09-01.
  EXPECT_EQ(texts("is", std::to_string(day + 12 * 3600000LL)), (V{"start", "late"}));
  EXPECT_EQ(texts("isGreater", std::to_string(day)), (V{"next"}));
  EXPECT_EQ(texts("isLess", std::to_string(day + 86400000LL)), (V{"start", "late"}));
  EXPECT_EQ(emu.post(Emulator::table_path(t, "/records/search"), where({cond("日期", "isGreaterEqual", {"ExactDate", "1"})})).code(),
            1254018);
  EXPECT_EQ(emu.post(Emulator::table_path(t, "/records/search"), where({cond("日期", "isGreater", {"CurrentWeek"})})).code(),
            1254018);
}

TEST(Search, RelativeDatesFollowTheClockAndTimeZoneIsConfigurable) {
  auto o = Emulator::defaults();
  o.time_zone = "UTC";
  Emulator emu(o);
  const std::string t = create_types_table(emu);
  const int64_t now = emu.now_ms.load();
  emu.create(t, {{{"文本", "today"}, {"日期", now}}, {{"文本", "yesterday"}, {"日期", now - 86400000LL}}});
  EXPECT_EQ(user_ids(search(emu, t, where({cond("日期", "is", {"Today"})})), "文本"), std::vector<std::string>{"today"});
  EXPECT_EQ(user_ids(search(emu, t, where({cond("日期", "is", {"Yesterday"})})), "文本"),
            std::vector<std::string>{"yesterday"});
  EXPECT_EQ(search(emu, t, where({cond("日期", "is", {"TheLastWeek"})}))["total"], 2);
  // 2024-09-01 16:30 UTC is the 1st in UTC (it would be the 2nd in Shanghai).
  emu.create(t, {{{"文本", "utc"}, {"日期", 1725208200000LL}}});
  EXPECT_EQ(user_ids(search(emu, t, where({cond("日期", "is", {"ExactDate", "1725148800000"})})), "文本"),
            std::vector<std::string>{"utc"});
}

TEST(Search, SortIsStableWithEmptiesLast) {
  Emulator emu;
  const std::string t = create_types_table(emu);
  emu.create(t, {{{"文本", "a"}, {"数字", 2}}, {{"文本", "b"}}, {{"文本", "c"}, {"数字", 1}}, {{"文本", "d"}, {"数字", 2}}});
  using V = std::vector<std::string>;
  EXPECT_EQ(user_ids(search(emu, t, {{"sort", {{{"field_name", "数字"}}}}}), "文本"), (V{"c", "a", "d", "b"}));
  EXPECT_EQ(user_ids(search(emu, t, {{"sort", {{{"field_name", "数字"}, {"desc", true}}}}}), "文本"), (V{"a", "d", "c", "b"}));
  EXPECT_EQ(user_ids(search(emu, t, {{"sort", {{{"field_name", "文本"}, {"desc", true}}}}}), "文本"), (V{"d", "c", "b", "a"}));
}

TEST(BatchGet, ReturnsReadShapesAndAbsentIds) {
  Emulator emu;
  auto ids = emu.create(kStudents, {{{"用户ID", "u1"}}});
  Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_get"), {{"record_ids", {ids[0], "recGone"}}});
  ASSERT_EQ(r.code(), 0) << r.raw;
  EXPECT_EQ(r.data()["records"][0]["fields"]["用户ID"][0]["text"], "u1");
  EXPECT_EQ(r.data()["absent_record_ids"], json({"recGone"}));
  EXPECT_EQ(r.data()["forbidden_record_ids"], json::array());
  json many = json::array();
  for (int i = 0; i < 101; ++i) many.push_back("rec" + std::to_string(i));
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_get"), {{"record_ids", many}}).code(), 1254001);
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_get"), {{"record_ids", json::array()}}).code(), 1254001);
}

}  // namespace
}  // namespace emulator_test
