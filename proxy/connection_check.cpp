// connection_check.cpp — see connection_check.h.
#include "connection_check.h"

#include "feishu_errors.h"

namespace ssproxy {

using json = nlohmann::json;

namespace {

std::string type_name(int64_t type) {
  switch (type) {
    case 1: return "文本(1)";
    case 2: return "数字(2)";
    case 5: return "日期(5)";
    case 13: return "电话号码(13)";
    case 18: return "单向关联(18)";
    case 21: return "双向关联(21)";
    default: return "类型 " + std::to_string(type);
  }
}

struct FieldRule {
  std::string role;
  std::vector<int64_t> types;
  bool link = false;
};

const json* find_field(const json& fields, const std::string& name) {
  for (const auto& f : fields)
    if (f.is_object() && f.value("field_name", "") == name) return &f;
  return nullptr;
}

void check_table_fields(const TableConfig& table, const TableConfig& other, const json& fields,
                        const std::vector<FieldRule>& rules, const std::string& back_role, CheckReport* report) {
  for (const FieldRule& rule : rules) {
    std::string name = table.field(rule.role);
    CheckItem item;
    item.name = table.display_name + "." + name;
    const json* f = find_field(fields, name);
    if (f == nullptr) {
      item.message = table.display_name + " 缺少字段「" + name + "」：请在多维表格中添加（类型 " +
                     type_name(rule.types.front()) + "），或运行 setup-tables 自动补齐；若字段已改名，请修改配置中的字段名。";
      report->items.push_back(item);
      continue;
    }
    int64_t type = f->value("type", static_cast<int64_t>(0));
    bool type_ok = false;
    for (int64_t t : rule.types) type_ok = type_ok || t == type;
    if (!type_ok) {
      std::string want;
      for (int64_t t : rule.types) want += (want.empty() ? "" : " 或 ") + type_name(t);
      item.message = "字段「" + name + "」的类型是 " + type_name(type) + "，应为 " + want +
                     "：请在多维表格中修改字段类型（修改前先备份），或新建正确类型的字段并更新配置。";
      report->items.push_back(item);
      continue;
    }
    if (rule.link) {
      json prop = f->contains("property") && (*f)["property"].is_object() ? (*f)["property"] : json::object();
      std::string target = prop.value("table_id", "");
      std::string back = prop.value("back_field_name", "");
      std::string want_back = other.field(back_role);
      if (target != other.table_id) {
        item.message = "字段「" + name + "」没有关联到" + other.display_name + "（它关联的是 " +
                       (target.empty() ? std::string("未知表") : target) + "）：请把它改为关联" + other.display_name + "。";
        report->items.push_back(item);
        continue;
      }
      if (!back.empty() && back != want_back) {
        item.message = "字段「" + name + "」在" + other.display_name + "中的对应字段是「" + back + "」，应为「" +
                       want_back + "」：请改名，或修改配置中的字段名。";
        report->items.push_back(item);
        continue;
      }
    }
    item.ok = true;
    item.message = "字段「" + name + "」存在，类型正确。";
    report->items.push_back(item);
  }
}

}  // namespace

bool CheckReport::ok() const {
  for (const auto& i : items)
    if (!i.ok) return false;
  return !items.empty();
}

json CheckReport::to_json() const {
  json arr = json::array();
  for (const auto& i : items) {
    json j = {{"name", i.name}, {"ok", i.ok}, {"message", i.message}};
    if (i.code) j["code"] = *i.code;
    arr.push_back(j);
  }
  return json{{"ok", ok()}, {"items", arr}};
}

bool list_all_fields(const ProxyConfig& config, FeishuUpstream& upstream, const std::string& table_id, json* fields,
                     CheckItem* error_item) {
  *fields = json::array();
  std::string page_token;
  for (int page = 0; page < 50; ++page) {
    std::string path = "/open-apis/bitable/v1/apps/" + config.app_token + "/tables/" + table_id +
                       "/fields?page_size=100" + (page_token.empty() ? "" : "&page_token=" + page_token);
    UpstreamResponse r = upstream.call("GET", path, "");
    json j = json::parse(r.body, nullptr, false);
    if (!r.code || *r.code != 0 || !j.is_object() || !j.contains("data") || !j["data"].is_object()) {
      error_item->ok = false;
      error_item->code = r.code;
      std::string msg = j.is_object() && j.contains("msg") && j["msg"].is_string() ? j["msg"].get<std::string>() : "";
      error_item->message = explain_feishu_code(r.code.value_or(-502), r.status, msg);
      return false;
    }
    const json& data = j["data"];
    if (data.contains("items") && data["items"].is_array())
      for (const auto& f : data["items"]) fields->push_back(f);
    if (!data.value("has_more", false)) return true;
    page_token = data.value("page_token", "");
    if (page_token.empty()) return true;
  }
  return true;
}

CheckReport run_connection_check(const ProxyConfig& config, FeishuUpstream& upstream) {
  CheckReport report;
  CheckItem token_item;
  token_item.name = "tenant_access_token";
  TokenResult t = upstream.tokens().get();
  if (!t.ok) {
    token_item.code = t.code;
    token_item.message = explain_feishu_code(t.code, t.http_status, t.msg);
    report.items.push_back(token_item);
    return report;
  }
  token_item.ok = true;
  token_item.message = "已获取 tenant_access_token，App ID 和 App Secret 正确。";
  report.items.push_back(token_item);

  for (const std::string& problem : table_id_problems(config)) report.items.push_back({"配置", false, {}, problem});
  if (!report.ok()) return report;

  const std::vector<FieldRule> student_rules = {
      {"user_id", {1}, false}, {"nickname", {1}, false}, {"phone", {13, 1}, false}, {"records_link", {21}, true}};
  const std::vector<FieldRule> record_rules = {
      {"user_id", {1}, false}, {"course", {1}, false}, {"study_date", {5}, false}, {"student_link", {21}, true}};
  struct Pass {
    const TableConfig* table;
    const TableConfig* other;
    const std::vector<FieldRule>* rules;
    const char* back_role;
  };
  for (const Pass& p : {Pass{&config.students, &config.records, &student_rules, "student_link"},
                        Pass{&config.records, &config.students, &record_rules, "records_link"}}) {
    CheckItem reach;
    reach.name = p.table->display_name;
    json fields;
    if (!list_all_fields(config, upstream, p.table->table_id, &fields, &reach)) {
      report.items.push_back(reach);
      continue;
    }
    reach.ok = true;
    reach.message = p.table->display_name + " 可以访问（" + std::to_string(fields.size()) + " 个字段）。";
    report.items.push_back(reach);
    check_table_fields(*p.table, *p.other, fields, *p.rules, p.back_role, &report);
  }
  return report;
}

}  // namespace ssproxy
