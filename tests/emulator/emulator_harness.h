// emulator_harness.h: starts feishu-emulator in-process on a free port and talks to it over real HTTP.
//
// Every test gets a fresh server (fresh state) with rate limits off unless the test turns them on,
// and a fake wall clock so token expiry and "Today" filters need no sleeping.
#pragma once

#include "emulator_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>

namespace emulator_test {

using nlohmann::json;
using feishu_emulator::EmulatorOptions;

constexpr const char* kApp = "bascnStudentSyncDemo";
constexpr const char* kStudents = "tblStudentsDemo1";
constexpr const char* kRecords = "tblRecordsDemo01";

struct Reply {
  int status = 0;  // 0: transport error (connection dropped, no answer)
  json body;
  std::string raw;
  httplib::Headers headers;
  long code() const { return body.is_object() ? body.value("code", -1L) : -1L; }
  const json& data() const { return body["data"]; }
};

class Emulator {
 public:
  static EmulatorOptions defaults() {
    EmulatorOptions o;
    o.base_file = EMULATOR_DEMO_BASE;
    o.read_rps = 0;
    o.write_rps = 0;
    o.threads = 16;
    return o;
  }

  explicit Emulator(EmulatorOptions o = defaults()) {
    now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
    if (!o.now_ms) o.now_ms = [this] { return now_ms.load(); };
    server = std::make_unique<feishu_emulator::EmulatorServer>(o);
    auto p = server->start();
    if (!p.ok()) ADD_FAILURE() << "emulator did not start: " << p.error().message;
    port = p.ok() ? p.value() : 0;
  }

  void advance_seconds(int64_t s) { now_ms += s * 1000; }

  Reply call(const std::string& method, const std::string& path, const json& body = nullptr,
             const std::string& authorization = "<auto>") {
    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(10, 0);
    httplib::Headers h;
    const std::string auth = authorization == "<auto>" ? "Bearer " + token() : authorization;
    if (!auth.empty()) h.emplace("Authorization", auth);
    const std::string payload = body.is_null() ? "" : body.dump();
    const std::string type = "application/json; charset=utf-8";
    httplib::Result r = method == "GET"    ? cli.Get(path.c_str(), h)
                        : method == "PUT"  ? cli.Put(path.c_str(), h, payload, type.c_str())
                        : method == "DELETE" ? cli.Delete(path.c_str(), h)
                                             : cli.Post(path.c_str(), h, payload, type.c_str());
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.raw = r->body;
    out.headers = r->headers;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }

  Reply post(const std::string& path, const json& body) { return call("POST", path, body); }
  Reply get(const std::string& path) { return call("GET", path); }

  Reply raw_token(const json& body) { return call("POST", "/open-apis/auth/v3/tenant_access_token/internal", body, ""); }

  std::string token() {
    if (cached_token.empty()) {
      Reply r = raw_token({{"app_id", "cli_demo_student_sync"}, {"app_secret", "demo_secret_not_for_production"}});
      cached_token = r.body.value("tenant_access_token", "");
    }
    return cached_token;
  }

  static std::string table_path(const std::string& table, const std::string& suffix = "") {
    return std::string("/open-apis/bitable/v1/apps/") + kApp + "/tables/" + table + suffix;
  }

  // Full table contents from the admin view, in write shapes.
  json admin_records(const std::string& table) {
    httplib::Client cli("127.0.0.1", port);
    auto r = cli.Get(("/__admin/apps/" + std::string(kApp) + "/tables/" + table + "/records").c_str());
    return r ? json::parse(r->body, nullptr, false) : json();
  }

  // Creates records in one batch_create and returns their ids (fails the test on error).
  std::vector<std::string> create(const std::string& table, const json& fields_list) {
    json records = json::array();
    for (const auto& f : fields_list) records.push_back({{"fields", f}});
    Reply r = post(table_path(table, "/records/batch_create"), {{"records", records}});
    EXPECT_EQ(r.code(), 0) << r.raw;
    std::vector<std::string> ids;
    if (r.code() == 0)
      for (const auto& rec : r.data()["records"]) ids.push_back(rec["record_id"]);
    return ids;
  }

  std::atomic<int64_t> now_ms{0};
  std::unique_ptr<feishu_emulator::EmulatorServer> server;
  int port = 0;
  std::string cached_token;
};

// Writes `content` to a fresh temp file and returns its path.
inline std::string temp_file(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace emulator_test
