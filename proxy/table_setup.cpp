// table_setup.cpp — see table_setup.h.
#include "table_setup.h"

#include <nlohmann/json.hpp>

#include "connection_check.h"
#include "feishu_errors.h"

namespace ssproxy {

using json = nlohmann::json;

namespace {

struct FieldSpec {
  std::string role;
  int64_t type;
  json property;  // null when none
};

std::string failure(const UpstreamResponse& r) {
  json j = json::parse(r.body, nullptr, false);
  std::string msg = j.is_object() && j.contains("msg") && j["msg"].is_string() ? j["msg"].get<std::string>() : "";
  return explain_feishu_code(r.code.value_or(-502), r.status, msg);
}

bool ok(const UpstreamResponse& r) { return r.code && *r.code == 0; }

json field_body(const TableConfig& table, const FieldSpec& spec) {
  json f = {{"field_name", table.field(spec.role)}, {"type", spec.type}};
  if (!spec.property.is_null()) f["property"] = spec.property;
  return f;
}

std::string apps_path(const ProxyConfig& c) { return "/open-apis/bitable/v1/apps/" + c.app_token; }

// Existing table for this config entry: by table_id when configured and present, else by name.
std::string find_table(const json& tables, const TableConfig& t) {
  for (const auto& item : tables)
    if (!t.table_id.empty() && item.value("table_id", "") == t.table_id) return t.table_id;
  for (const auto& item : tables)
    if (item.value("name", "") == t.display_name) return item.value("table_id", "");
  return "";
}

bool ensure_table(const ProxyConfig& c, FeishuUpstream& up, const json& tables, const TableConfig& t,
                  const std::vector<FieldSpec>& specs, std::string* id, SetupResult* out) {
  *id = find_table(tables, t);
  if (!t.table_id.empty() && *id != t.table_id)
    out->steps.push_back("配置中的 " + t.key + ".table_id = " + t.table_id + " 在这个多维表格中不存在，改用名称查找。");
  if (!id->empty()) {
    out->steps.push_back("已找到 " + t.display_name + "（" + *id + "）。");
    return true;
  }
  json fields = json::array();
  for (const auto& s : specs) fields.push_back(field_body(t, s));
  json body = {{"table", {{"name", t.display_name}, {"default_view_name", "表格"}, {"fields", fields}}}};
  UpstreamResponse r = up.call("POST", apps_path(c) + "/tables", body.dump());
  json j = json::parse(r.body, nullptr, false);
  if (!ok(r) || !j.contains("data") || !j["data"].is_object() || !j["data"].contains("table_id")) {
    out->problems.push_back("创建 " + t.display_name + " 失败：" + failure(r));
    return false;
  }
  *id = j["data"]["table_id"].get<std::string>();
  out->steps.push_back("已创建 " + t.display_name + "（" + *id + "）。");
  return true;
}

bool ensure_fields(const ProxyConfig& c, FeishuUpstream& up, const TableConfig& t, const std::string& id,
                   const std::vector<FieldSpec>& specs, SetupResult* out) {
  json fields;
  CheckItem err;
  if (!list_all_fields(c, up, id, &fields, &err)) {
    out->problems.push_back("读取 " + t.display_name + " 的字段失败：" + err.message);
    return false;
  }
  bool all_ok = true;
  for (const auto& spec : specs) {
    std::string name = t.field(spec.role);
    const json* found = nullptr;
    for (const auto& f : fields)
      if (f.value("field_name", "") == name) found = &f;
    if (found != nullptr) {
      int64_t type = found->value("type", static_cast<int64_t>(0));
      bool acceptable = type == spec.type || (spec.type == 13 && type == 1);
      if (!acceptable) {
        out->problems.push_back(t.display_name + " 的字段「" + name + "」类型为 " + std::to_string(type) + "，应为 " +
                                std::to_string(spec.type) + "：请手动修改（本命令不会改动已有字段）。");
        all_ok = false;
      }
      continue;
    }
    UpstreamResponse r = up.call("POST", apps_path(c) + "/tables/" + id + "/fields", field_body(t, spec).dump());
    if (!ok(r)) {
      out->problems.push_back("在 " + t.display_name + " 添加字段「" + name + "」失败：" + failure(r));
      all_ok = false;
      continue;
    }
    out->steps.push_back("已在 " + t.display_name + " 添加字段「" + name + "」。");
  }
  return all_ok;
}

}  // namespace

SetupResult setup_tables(const ProxyConfig& c, FeishuUpstream& up) {
  SetupResult out;
  json tables = json::array();
  std::string page_token;
  for (int page = 0; page < 20; ++page) {
    UpstreamResponse r = up.call("GET", apps_path(c) + "/tables?page_size=100" +
                                            (page_token.empty() ? "" : "&page_token=" + page_token), "");
    json j = json::parse(r.body, nullptr, false);
    if (!ok(r) || !j.contains("data") || !j["data"].is_object()) {
      out.problems.push_back("读取多维表格的数据表列表失败：" + failure(r));
      return out;
    }
    if (j["data"].contains("items") && j["data"]["items"].is_array())
      for (const auto& t : j["data"]["items"]) tables.push_back(t);
    if (!j["data"].value("has_more", false)) break;
    page_token = j["data"].value("page_token", "");
    if (page_token.empty()) break;
  }

  const std::vector<FieldSpec> student_specs = {{"user_id", 1, nullptr}, {"nickname", 1, nullptr}, {"phone", 13, nullptr}};
  const std::vector<FieldSpec> record_specs = {
      {"user_id", 1, nullptr}, {"course", 1, nullptr}, {"study_date", 5, json{{"date_formatter", "yyyy/MM/dd"}}}};
  if (!ensure_table(c, up, tables, c.students, student_specs, &out.students_id, &out)) return out;
  if (!ensure_table(c, up, tables, c.records, record_specs, &out.records_id, &out)) return out;
  bool fields_ok = ensure_fields(c, up, c.students, out.students_id, student_specs, &out);
  fields_ok = ensure_fields(c, up, c.records, out.records_id, record_specs, &out) && fields_ok;

  // The duplex link is created once, from the records side; Feishu adds the back field to the students table.
  std::vector<FieldSpec> link = {{"student_link", 21,
                                  json{{"table_id", out.students_id},
                                       {"multiple", true},
                                       {"back_field_name", c.students.field("records_link")}}}};
  fields_ok = ensure_fields(c, up, c.records, out.records_id, link, &out) && fields_ok;

  // Verify the result exactly as /api/check would.
  ProxyConfig checked = c;
  checked.students.table_id = out.students_id;
  checked.records.table_id = out.records_id;
  CheckReport report = run_connection_check(checked, up);
  for (const auto& item : report.items)
    if (!item.ok) out.problems.push_back(item.message);
  out.ok = fields_ok && report.ok();
  return out;
}

}  // namespace ssproxy
