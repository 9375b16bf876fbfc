// table_forwarding.cpp — see table_forwarding.h.
#include "table_forwarding.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstring>
#include <map>
#include <set>

namespace ssproxy {

constexpr int kMaxBodyDepth = 32;

using json = nlohmann::json;

namespace {

bool all_of_chars(const std::string& s, const char* extra, size_t max_len) {
  if (s.empty() || s.size() > max_len) return false;
  for (unsigned char c : s) {
    bool ok = std::isalnum(c) || (extra != nullptr && std::strchr(extra, c) != nullptr);
    if (!ok) return false;
  }
  return true;
}

bool valid_query_value(const std::string& key, const std::string& value) {
  if (key == "page_size") {
    if (!all_of_chars(value, nullptr, 4)) return false;
    for (char c : value)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    int n = std::stoi(value);
    return n >= 1 && n <= 500;
  }
  if (key == "page_token") return all_of_chars(value, "+/=_-.", 1024);
  if (key == "client_token") return all_of_chars(value, "-", 64);
  return false;
}

std::string percent_encode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::vector<std::string> record_ids_from(const json& response, const json& request, const std::string& operation) {
  std::vector<std::string> ids;
  if (response.is_object() && response.contains("data") && response["data"].is_object() &&
      response["data"].contains("records") && response["data"]["records"].is_array()) {
    for (const auto& r : response["data"]["records"])
      if (r.is_object() && r.contains("record_id") && r["record_id"].is_string())
        ids.push_back(r["record_id"].get<std::string>());
  } else if (operation == "batch_delete" && request.contains("records") && request["records"].is_array() &&
             response.is_object() && response.value("code", -1) == 0) {
    for (const auto& r : request["records"])
      if (r.is_string()) ids.push_back(r.get<std::string>());
  }
  return ids;
}

}  // namespace

bool is_write_operation(const std::string& operation) {
  return operation == "batch_create" || operation == "batch_update" || operation == "batch_delete";
}

UpstreamResponse forward_table_call(ForwardContext& ctx, const ForwardRequest& request, int64_t* record_count) {
  const TableConfig* table = ctx.config.table(request.table_key);
  if (table == nullptr) return proxy_error(404, -404, "没有这张表：只支持 students 和 records。");
  if (table->table_id.empty())
    return proxy_error(503, -503, "代理尚未配置 " + table->display_name + " 的 table_id：请管理员运行 setup-tables。");

  static const std::map<std::string, std::set<std::string>> kAllowedQuery = {
      {"fields", {"page_size", "page_token"}},
      {"search", {"page_size", "page_token"}},
      {"batch_create", {"client_token"}},
      {"batch_update", {}},
      {"batch_delete", {}}};
  auto allowed = kAllowedQuery.find(request.operation);
  if (allowed == kAllowedQuery.end()) return proxy_error(404, -404, "不支持的操作。");

  std::string query;
  std::set<std::string> seen;
  for (const auto& p : request.query) {
    if (!allowed->second.count(p.first))
      return proxy_error(400, -400, "不允许的查询参数 " + p.first + "：此接口只接受规定的参数。");
    if (!seen.insert(p.first).second) return proxy_error(400, -400, "查询参数 " + p.first + " 重复。");
    if (!valid_query_value(p.first, p.second)) return proxy_error(400, -400, "查询参数 " + p.first + " 的值格式不对。");
    query += (query.empty() ? "?" : "&") + p.first + "=" + percent_encode(p.second);
  }

  json body_json;
  std::string method = request.operation == "fields" ? "GET" : "POST";
  if (method == "POST") {
    // Nothing the app sends nests deeper than a few levels; a deeper body is refused here rather than
    // handed to Feishu (the emulator's recursive handling of such a body once brought it down).
    bool too_deep = false;
    body_json = json::parse(request.body, [&](int depth, json::parse_event_t, json&) {
      too_deep = too_deep || depth > kMaxBodyDepth;
      return true;
    }, false);
    if (body_json.is_discarded() || !body_json.is_object())
      return proxy_error(400, -400, "请求体必须是 JSON 对象。");
    if (too_deep) return proxy_error(400, -400, "请求体嵌套过深。");
    if (body_json.contains("records") && body_json["records"].is_array())
      *record_count = static_cast<int64_t>(body_json["records"].size());
  } else if (!request.body.empty()) {
    return proxy_error(400, -400, "GET 请求不能带请求体。");
  }

  std::string path = "/open-apis/bitable/v1/apps/" + percent_encode(ctx.config.app_token) + "/tables/" +
                     percent_encode(table->table_id) +
                     (request.operation == "fields" ? std::string("/fields") : "/records/" + request.operation) + query;

  if (!is_write_operation(request.operation)) return ctx.upstream.call(method, path, request.body);

  auto started = std::chrono::steady_clock::now();
  UpstreamResponse r;
  {
    TableWriteQueue::Turn turn = ctx.write_queue.wait_turn(table->table_id);
    r = ctx.upstream.call(method, path, request.body);
  }
  WriteEntry e;
  e.at = now_ms();
  e.account = request.account;
  e.run_id = request.run_id;
  e.table_key = request.table_key;
  e.operation = request.operation;
  e.record_count = *record_count;
  e.record_ids = record_ids_from(json::parse(r.body, nullptr, false), body_json, request.operation);
  e.http_status = r.status;
  e.feishu_code = r.code;
  e.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  ctx.audit.record_write(e);
  return r;
}

}  // namespace ssproxy
