// emulator_process.h — the feishu-emulator binary as a subprocess on port 0 (the port is read from its
// "listening on" line), plus the pieces the integration tests share: a direct-mode client over real
// HTTP, one-call fetch/plan/execute, and the admin view of the tables reduced to comparable content.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http_transport.h"
#include "native_runner.h"
#include "pipeline/import_file.h"
#include "plan/plan_model.h"
#include "steady_scheduler.h"
#include "tenant_token.h"

namespace ss::itest {

using nlohmann::json;

constexpr const char* kApp = "bascnStudentSyncDemo";
constexpr const char* kStudents = "tblStudentsDemo1";
constexpr const char* kRecords = "tblRecordsDemo01";

// A child process whose stdout is read up to the line containing "listening on" (earlier lines kept,
// e.g. the proxy's demo password); SIGTERM and wait on destruction.
class Subprocess {
 public:
  explicit Subprocess(std::vector<std::string> args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1) {
      if (c != '\n') {
        line.push_back(c);
        continue;
      }
      lines_.push_back(line);
      if (line.find("listening on") != std::string::npos) break;
      line.clear();
    }
    // Kept open: a child writing more to stdout must not die of SIGPIPE.
    stdout_fd_ = out[0];
    const std::string last = lines_.empty() ? std::string() : lines_.back();
    const auto colon = last.rfind(':');
    if (last.find("listening on") != std::string::npos && colon != std::string::npos) port_ = std::stoi(last.substr(colon + 1));
    if (port_ == 0) ADD_FAILURE() << args[0] << " did not start: '" << last << "'";
  }
  ~Subprocess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
  std::vector<std::string> lines_;
};

inline std::vector<std::string> emulator_args(std::vector<std::string> extra) {
  std::vector<std::string> args = {FEISHU_EMULATOR_BIN, "--port", "0", "--base", DEMO_BASE_JSON};
  for (auto& a : extra) args.push_back(std::move(a));
  return args;
}

class EmulatorProcess : public Subprocess {
 public:
  explicit EmulatorProcess(std::vector<std::string> extra = {}) : Subprocess(emulator_args(std::move(extra))) {}

  json admin(const std::string& path) const {
    httplib::Client cli("127.0.0.1", port());
    auto r = cli.Get(path.c_str());
    return r ? json::parse(r->body, nullptr, false) : json();
  }
  json records(const std::string& table) const {
    return admin("/__admin/apps/" + std::string(kApp) + "/tables/" + table + "/records")["records"];
  }
  json stats() const { return admin("/__admin/stats"); }
};

// Direct mode over real HTTP: httplib + tenant token + the demo Base's routes.
struct DirectClient {
  explicit DirectClient(const EmulatorProcess& emu, std::function<int64_t()> clock = {}) {
    http = std::move(HttplibTransport::create(emu.base_url()).value());
    if (!clock) clock = [] { return SteadyScheduler().now_ms(); };
    token = std::make_unique<TenantTokenTransport>(*http, "cli_demo_student_sync", "demo_secret_not_for_production", clock);
  }
  std::unique_ptr<HttplibTransport> http;
  std::unique_ptr<TenantTokenTransport> token;
  DirectRoutes routes{kApp, kStudents, kRecords};
};

inline RetryPolicy test_policy() {
  RetryPolicy p;
  p.initial_delay_ms = 20;
  p.max_delay_ms = 400;
  p.max_attempts = 8;
  return p;
}

inline ImportRows import_csv(const std::string& bytes, const SyncSchema& schema) {
  auto f = import_file(bytes, ColumnMapping{}, schema);
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
  return f.ok() ? f->rows : ImportRows{};
}

struct SyncRound {
  Plan plan;
  Snapshot before;
  size_t snapshot_calls = 0;
  NativeExecution exec;
};

inline SyncRound plan_round(DirectClient& c, const ImportRows& rows, const SyncSchema& schema, uint64_t seed) {
  SyncRound r;
  auto f = fetch_snapshot_blocking(*c.token, c.routes, schema, rows, test_policy(), seed);
  EXPECT_TRUE(f.ok()) << "seed " << seed << ": " << (f.ok() ? "" : f.error().message);
  if (f.ok()) {
    r.before = f->fetched.snapshot;
    r.snapshot_calls = f->calls.calls;
  }
  r.plan = make_plan(rows, r.before, schema);
  return r;
}

inline SyncRound sync_round(DirectClient& c, const ImportRows& rows, const SyncSchema& schema, uint64_t seed) {
  SyncRound r = plan_round(c, rows, schema, seed);
  ExecutorOptions o;
  o.retry = test_policy();
  o.seed = seed * 7919 + 1;
  r.exec = execute_blocking(r.plan, schema, c.routes, *c.token, o);
  return r;
}

// Table content without record ids: students by 用户ID → (昵称, 手机号); records as sorted
// (用户ID, 课程, 学习日期, linked student's 用户ID). Plus a check that links agree both ways.
struct TableContent {
  std::map<std::string, std::pair<std::string, std::string>> students;
  std::vector<std::tuple<std::string, std::string, int64_t, std::string>> records;
  size_t student_rows = 0;
  bool operator==(const TableContent& o) const {
    return students == o.students && records == o.records && student_rows == o.student_rows;
  }
};

inline std::string text_of(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline TableContent read_tables(const EmulatorProcess& emu, std::string* link_problem = nullptr) {
  TableContent t;
  std::map<std::string, std::string> user_of;
  std::map<std::string, std::set<std::string>> back;  // student id → record ids from its 学习记录 field
  const json students = emu.records(kStudents);
  for (const auto& s : students) {
    const json& f = s["fields"];
    user_of[s["record_id"]] = text_of(f, "用户ID");
    t.students[text_of(f, "用户ID")] = {text_of(f, "昵称"), text_of(f, "手机号")};
    ++t.student_rows;
    if (f.contains("学习记录"))
      for (const auto& id : f["学习记录"]) back[s["record_id"]].insert(id.get<std::string>());
  }
  std::map<std::string, std::set<std::string>> forward;
  for (const auto& r : emu.records(kRecords)) {
    const json& f = r["fields"];
    std::string linked;
    if (f.contains("关联到学员总表") && f["关联到学员总表"].size() == 1) {
      linked = user_of[f["关联到学员总表"][0].get<std::string>()];
      forward[f["关联到学员总表"][0].get<std::string>()].insert(r["record_id"].get<std::string>());
    } else if (link_problem) {
      *link_problem += "record " + r["record_id"].get<std::string>() + " has links " + f.value("关联到学员总表", json()).dump() + "\n";
    }
    t.records.emplace_back(text_of(f, "用户ID"), text_of(f, "课程"), f.value("学习日期", int64_t{0}), linked);
  }
  std::sort(t.records.begin(), t.records.end());
  if (link_problem && forward != back) *link_problem += "back links differ from forward links\n";
  return t;
}

inline TableContent content_of(const Snapshot& s) {
  TableContent t;
  std::map<std::string, std::string> user_of;
  for (const auto& st : s.students) {
    user_of[st.record_id] = st.user_id;
    t.students[st.user_id] = {st.nickname, st.phone};
    ++t.student_rows;
  }
  for (const auto& r : s.records) {
    t.records.emplace_back(r.user_id, r.course, r.date_ms.value_or(0), r.student_ids.size() == 1 ? user_of[r.student_ids[0]] : "");
  }
  std::sort(t.records.begin(), t.records.end());
  return t;
}

inline std::string read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  std::string bytes;
  if (!f) return bytes;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
  std::fclose(f);
  return bytes;
}

inline std::string make_export(int rows, int users, int courses, uint64_t seed) {
  const std::string path = ::testing::TempDir() + "exec_export_" + std::to_string(rows) + "_" + std::to_string(seed) + ".csv";
  const std::string cmd = "python3 " MAKE_EXPORTS_PY " --rows " + std::to_string(rows) + " --users " + std::to_string(users) +
                          " --courses " + std::to_string(courses) + " --quirks --seed " + std::to_string(seed) + " --out " + path +
                          " > /dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return read_file(path);
}

}  // namespace ss::itest
