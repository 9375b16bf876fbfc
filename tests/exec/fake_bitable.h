// fake_bitable.h — an in-memory Bitable behind ss::Transport for the executor's unit tests: direct-mode
// routes, records/search (filter `用户ID is …` joined by "or", paging), batch_create (ids rec000001…,
// client_token replay or conflict), batch_update, and a script of faults by call number.
//
// Answers are delivered synchronously inside send() (like the blocking native transport) unless
// `async_delay_ms` ≥ 0, when they come through the scheduler (like the browser).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exec/scheduler.h"
#include "transport/transport.h"

namespace ss::test {

using nlohmann::json;

inline const char* kApp = "appT";
inline const char* kStudentsTable = "tblS";
inline const char* kRecordsTable = "tblR";

enum class FaultMode {
  kAnswer,           // answer `status`/`body`/`headers` without applying
  kDropBefore,       // status 0, nothing applied
  kLostAfterApply,   // applied (and remembered under its client_token), then status 0
};

struct Fault {
  FaultMode mode = FaultMode::kAnswer;
  int status = 400;
  json body;
  std::vector<HttpHeader> headers;
};

inline Fault code_fault(int code, int status = 400, std::vector<HttpHeader> headers = {}) {
  return Fault{FaultMode::kAnswer, status, json{{"code", code}, {"msg", "fault " + std::to_string(code)}}, std::move(headers)};
}

struct FakeRecord {
  std::string id;
  json fields;  // write shapes
};

class FakeBitable : public Transport {
 public:
  explicit FakeBitable(Scheduler* scheduler = nullptr) : scheduler_(scheduler) {}

  bool conflict_mode = false;   // reuse of a remembered client_token → 1255006
  int async_delay_ms = -1;      // < 0: answer inside send()
  std::map<size_t, Fault> faults;  // by call number (1-based, every request counted)
  std::function<std::optional<Fault>(const HttpRequest&, size_t call)> fault_fn;  // checked after `faults`
  std::vector<HttpRequest> requests;
  std::map<std::string, std::vector<FakeRecord>> tables{{kStudentsTable, {}}, {kRecordsTable, {}}};

  void send(HttpRequest request, Callback on_done) override {
    requests.push_back(request);
    HttpResponse r = handle(request, requests.size());
    if (async_delay_ms >= 0 && scheduler_) {
      scheduler_->call_after(async_delay_ms, [cb = std::move(on_done), r = std::move(r)]() mutable { cb(std::move(r)); });
    } else {
      on_done(std::move(r));
    }
  }

  std::vector<FakeRecord>& students() { return tables[kStudentsTable]; }
  std::vector<FakeRecord>& records() { return tables[kRecordsTable]; }

  // Requests whose path contains `part`.
  std::vector<HttpRequest> requests_to(const std::string& part) const {
    std::vector<HttpRequest> out;
    for (const auto& r : requests)
      if (r.path.find(part) != std::string::npos) out.push_back(r);
    return out;
  }

  FakeRecord add(const std::string& table, json fields) {
    FakeRecord r{"rec" + std::to_string(100000 + ++next_id_), std::move(fields)};
    tables[table].push_back(r);
    return r;
  }

 private:
  static HttpResponse reply(int status, const json& body, std::vector<HttpHeader> headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = body.dump();
    r.headers = std::move(headers);
    return r;
  }

  static std::string query_param(const std::string& path, const std::string& key) {
    const auto q = path.find('?');
    if (q == std::string::npos) return {};
    const std::string query = path.substr(q + 1);
    size_t pos = 0;
    while (pos <= query.size()) {
      size_t amp = query.find('&', pos);
      if (amp == std::string::npos) amp = query.size();
      const std::string kv = query.substr(pos, amp - pos);
      if (kv.rfind(key + "=", 0) == 0) return kv.substr(key.size() + 1);
      pos = amp + 1;
    }
    return {};
  }

  HttpResponse handle(const HttpRequest& req, size_t call) {
    std::optional<Fault> fault;
    if (auto it = faults.find(call); it != faults.end()) fault = it->second;
    else if (fault_fn) fault = fault_fn(req, call);
    if (fault && fault->mode == FaultMode::kAnswer) {
      HttpResponse r;
      r.status = fault->status;
      r.body = fault->body.is_string() ? fault->body.get<std::string>() : fault->body.dump();
      r.headers = fault->headers;
      return r;
    }
    if (fault && fault->mode == FaultMode::kDropBefore) return HttpResponse{0, "", {}, "connection dropped"};
    HttpResponse r = apply(req);
    if (fault && fault->mode == FaultMode::kLostAfterApply) return HttpResponse{0, "", {}, "response lost"};
    return r;
  }

  HttpResponse apply(const HttpRequest& req) {
    const std::string prefix = std::string("/open-apis/bitable/v1/apps/") + kApp + "/tables/";
    if (req.path.rfind(prefix, 0) != 0) return reply(404, {{"code", 1254040}, {"msg", "BaseTokenNotFound"}});
    const std::string rest = req.path.substr(prefix.size());
    const std::string table = rest.substr(0, rest.find('/'));
    const std::string op = rest.substr(table.size() + 1, rest.find('?') - table.size() - 1);
    if (!tables.count(table)) return reply(400, {{"code", 1254041}, {"msg", "TableIdNotFound"}});
    const json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    if (op == "records/search") return search(table, body, req.path);
    if (op == "records/batch_create") {
      const std::string token = query_param(req.path, "client_token");
      const std::string fingerprint = table + req.body;
      if (!token.empty()) {
        if (auto it = remembered_.find(token); it != remembered_.end()) {
          if (conflict_mode || it->second.first != fingerprint) return reply(400, {{"code", 1255006}, {"msg", "client token conflict"}});
          return reply(200, it->second.second);
        }
      }
      json out = json::array();
      for (const auto& rec : body["records"]) {
        FakeRecord r = add(table, rec["fields"]);
        out.push_back({{"record_id", r.id}, {"fields", r.fields}});
      }
      const json answer = {{"code", 0}, {"msg", "success"}, {"data", {{"records", out}}}};
      if (!token.empty()) remembered_[token] = {fingerprint, answer};
      return reply(200, answer);
    }
    if (op == "records/batch_update") {
      json out = json::array();
      for (const auto& rec : body["records"]) {
        for (auto& r : tables[table])
          if (r.id == rec["record_id"]) r.fields.update(rec["fields"]);
        out.push_back(rec);
      }
      return reply(200, {{"code", 0}, {"msg", "success"}, {"data", {{"records", out}}}});
    }
    return reply(404, {{"code", 1254001}, {"msg", "unknown op " + op}});
  }

  // Read shapes: text as segments, link as {"link_record_ids"}, numbers as numbers (§5).
  static json read_shape(const json& v) {
    if (v.is_string()) return json::array({{{"type", "text"}, {"text", v}}});
    if (v.is_array()) return json{{"link_record_ids", v}};
    return v;
  }

  HttpResponse search(const std::string& table, const json& body, const std::string& path) {
    std::set<std::string> wanted;
    bool filtered = false;
    if (body.contains("filter")) {
      filtered = true;
      for (const auto& c : body["filter"]["conditions"]) wanted.insert(c["value"][0].get<std::string>());
    }
    std::vector<const FakeRecord*> hits;
    for (const auto& r : tables[table]) {
      if (!filtered || (r.fields.contains("用户ID") && wanted.count(r.fields["用户ID"].get<std::string>()))) hits.push_back(&r);
    }
    const std::string ps = query_param(path, "page_size");
    const std::string pt = query_param(path, "page_token");
    const size_t page_size = ps.empty() ? 20 : std::stoul(ps);
    const size_t start = pt.empty() ? 0 : std::stoul(pt.substr(1));
    json items = json::array();
    for (size_t i = start; i < hits.size() && i < start + page_size; ++i) {
      json fields = json::object();
      for (auto it = hits[i]->fields.begin(); it != hits[i]->fields.end(); ++it) fields[it.key()] = read_shape(it.value());
      items.push_back({{"record_id", hits[i]->id}, {"fields", fields}});
    }
    const bool more = start + page_size < hits.size();
    json data = {{"items", items}, {"has_more", more}, {"total", hits.size()}};
    if (more) data["page_token"] = "p" + std::to_string(start + page_size);
    return reply(200, {{"code", 0}, {"msg", "success"}, {"data", data}});
  }

  Scheduler* scheduler_;
  size_t next_id_ = 0;
  std::map<std::string, std::pair<std::string, json>> remembered_;
};

}  // namespace ss::test
