// proxy_test_support.h — starting feishu-emulator and student-sync-proxy as real processes on free
// ports, temporary directories, raw HTTP (for paths a client library would normalise), and a signed-in
// staff client.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace proxytest {

using json = nlohmann::json;

constexpr const char* kAppId = "cli_proxy_test_app";
constexpr const char* kSecret = "proxy_test_secret_S3cr3t_value_9f2c";
constexpr const char* kAppToken = "bascnProxyTestBase";
constexpr const char* kStudentsId = "tblStudentsTest01";
constexpr const char* kRecordsId = "tblRecordsTest001";
constexpr const char* kOtherId = "tblOtherTable0001";

std::string make_temp_dir();
// A temporary directory removed with everything in it at the end of the scope.
struct TempDir {
  TempDir() : path(make_temp_dir()) {}
  ~TempDir();
  std::string path;
};
void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

// A child process with stdout/stderr captured into files; SIGTERM + wait on destruction.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, const std::string& dir);
  ~Process();
  // Waits (up to timeout) for `prefix` on stdout and returns the rest of that line; "" on timeout/exit.
  std::string wait_for_line(const std::string& prefix, int timeout_ms = 10000);
  std::string out() const;
  std::string err() const;
  int terminate();  // SIGTERM, wait; returns the exit status (or -1)
  int wait_exit();  // for short-lived commands
 private:
  int pid_ = -1;
  std::string out_path_, err_path_;
  bool done_ = false;
  int status_ = -1;
};

// Runs a command to completion; returns exit code, fills stdout/stderr.
int run_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                std::string* out, std::string* err, const std::string& stdin_text = "");

struct RawResponse {
  int status = 0;
  std::string headers;
  std::string body;
};
RawResponse raw_get(int port, const std::string& target);

json demo_base();  // two configured tables + one the proxy must never reach

class Emulator {
 public:
  explicit Emulator(const std::vector<std::string>& extra_flags = {}, const json& base = demo_base());
  ~Emulator();
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  json stats();
  json records(const std::string& table_id);  // via the emulator's admin view
 private:
  std::string dir_;
  std::unique_ptr<Process> proc_;
  int port_ = 0;
};

struct ProxyOptions {
  std::string secret = kSecret;
  bool with_table_ids = true;
  json extra = json::object();
};

class Proxy {
 public:
  Proxy(const Emulator& emulator, const ProxyOptions& options = {});
  ~Proxy();
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string config_path() const { return dir_ + "/proxy.json"; }
  std::string static_root() const { return dir_ + "/page"; }
  std::string add_user(const std::string& name, const std::string& password = "correct-horse-battery");
  int user_command(const std::vector<std::string>& args, std::string* out = nullptr);
  std::string log();  // stdout + stderr so far
  Process& process() { return *proc_; }
  int stop();

 private:
  std::string dir_;
  std::unique_ptr<Process> proc_;
  int port_ = 0;
};

class Staff {
 public:
  Staff(int port, const std::string& name, const std::string& password = "correct-horse-battery");
  bool signed_in() const { return !cookie.empty(); }
  httplib::Result get(const std::string& path, httplib::Headers extra = {});
  httplib::Result post(const std::string& path, const std::string& body, httplib::Headers extra = {},
                       bool with_csrf = true);
  httplib::Client client;
  std::string cookie;  // "ss_session=…"
  std::string csrf;
  std::string set_cookie;
};

std::string proxy_binary();
std::string emulator_binary();

}  // namespace proxytest
