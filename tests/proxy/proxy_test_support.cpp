// proxy_test_support.cpp — see proxy_test_support.h.
#include "proxy_test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace proxytest {

std::string proxy_binary() { return STUDENT_SYNC_PROXY_BIN; }
std::string emulator_binary() { return FEISHU_EMULATOR_BIN; }

std::string make_temp_dir() {
  std::string tmpl = "/tmp/ss-proxy-test-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return buf.data();
}

TempDir::~TempDir() { std::system(("rm -rf " + path).c_str()); }

void write_file(const std::string& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << content;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

namespace {
pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const std::string& dir, const std::string& out, const std::string& err, int stdin_fd) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGTERM);  // a crashed test must not leave servers behind
  if (!dir.empty() && chdir(dir.c_str()) != 0) _exit(126);
  int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(o, 1);
  dup2(e, 2);
  if (stdin_fd >= 0) dup2(stdin_fd, 0);
  unsetenv("FEISHU_APP_ID");
  unsetenv("FEISHU_APP_SECRET");
  for (const auto& kv : env) setenv(kv.first.c_str(), kv.second.c_str(), 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}
}  // namespace

Process::Process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                 const std::string& dir) {
  static int counter = 0;
  std::string base = dir + "/proc" + std::to_string(++counter);
  out_path_ = base + ".out";
  err_path_ = base + ".err";
  pid_ = spawn(argv, env, dir, out_path_, err_path_, -1);
}

Process::~Process() { terminate(); }

std::string Process::wait_for_line(const std::string& prefix, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string text = out();
    size_t pos = text.find(prefix);
    if (pos != std::string::npos) {
      size_t end = text.find('\n', pos);
      if (end != std::string::npos) return text.substr(pos + prefix.size(), end - pos - prefix.size());
    }
    int status = 0;
    if (!done_ && waitpid(pid_, &status, WNOHANG) == pid_) {
      done_ = true;
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    if (done_) return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return "";
}

std::string Process::out() const { return read_file(out_path_); }
std::string Process::err() const { return read_file(err_path_); }

int Process::terminate() {
  if (done_ || pid_ <= 0) return status_;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      done_ = true;
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return status_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  done_ = true;
  status_ = -1;
  return status_;
}

int Process::wait_exit() {
  if (done_) return status_;
  int status = 0;
  waitpid(pid_, &status, 0);
  done_ = true;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return status_;
}

int run_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                std::string* out, std::string* err, const std::string& stdin_text) {
  std::string dir = make_temp_dir();
  std::string in_path = dir + "/stdin";
  write_file(in_path, stdin_text);
  int in_fd = open(in_path.c_str(), O_RDONLY);
  pid_t pid = spawn(argv, env, "", dir + "/out", dir + "/err", in_fd);
  close(in_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out) *out = read_file(dir + "/out");
  if (err) *err = read_file(dir + "/err");
  std::system(("rm -rf " + dir).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

RawResponse raw_get(int port, const std::string& target) {
  RawResponse r;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return r;
  }
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  send(fd, req.data(), req.size(), 0);
  std::string all;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) all.append(buf, static_cast<size_t>(n));
  close(fd);
  size_t sp = all.find(' ');
  if (sp != std::string::npos) r.status = std::atoi(all.c_str() + sp + 1);
  size_t split = all.find("\r\n\r\n");
  r.headers = all.substr(0, split);
  if (split != std::string::npos) r.body = all.substr(split + 4);
  return r;
}

json demo_base() {
  return json{
      {"app_token", kAppToken},
      {"name", "代理测试"},
      {"tables",
       {{{"table_id", kStudentsId},
         {"name", "学员总表"},
         {"fields", {{{"field_name", "用户ID"}, {"type", 1}}, {{"field_name", "昵称"}, {"type", 1}},
                     {{"field_name", "手机号"}, {"type", 13}}}}},
        {{"table_id", kRecordsId},
         {"name", "学习记录表"},
         {"fields",
          {{{"field_name", "用户ID"}, {"type", 1}},
           {{"field_name", "课程"}, {"type", 1}},
           {{"field_name", "学习日期"}, {"type", 5}},
           {{"field_name", "关联到学员总表"},
            {"type", 21},
            {"property", {{"table_id", kStudentsId}, {"back_field_name", "学习记录"}}}}}}},
        {{"table_id", kOtherId}, {"name", "其他表"}, {"fields", {{{"field_name", "x"}, {"type", 1}}}}}}}};
}

Emulator::Emulator(const std::vector<std::string>& extra_flags, const json& base) {
  dir_ = make_temp_dir();
  write_file(dir_ + "/base.json", base.dump());
  std::vector<std::string> argv = {emulator_binary(), "--port", "0", "--base", dir_ + "/base.json",
                                   "--app-id", kAppId, "--app-secret", kSecret};
  argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
  proc_.reset(new Process(argv, {}, dir_));
  std::string rest = proc_->wait_for_line("listening on http://127.0.0.1:");
  if (rest.empty()) throw std::runtime_error("emulator did not start: " + proc_->err());
  port_ = std::atoi(rest.c_str());
}

Emulator::~Emulator() {
  proc_.reset();
  std::system(("rm -rf " + dir_).c_str());
}

json Emulator::stats() {
  httplib::Client c("127.0.0.1", port_);
  auto r = c.Get("/__admin/stats");
  return r ? json::parse(r->body, nullptr, false) : json();
}

json Emulator::records(const std::string& table_id) {
  httplib::Client c("127.0.0.1", port_);
  auto r = c.Get(("/__admin/apps/" + std::string(kAppToken) + "/tables/" + table_id + "/records").c_str());
  return r ? json::parse(r->body, nullptr, false) : json();
}

Proxy::Proxy(const Emulator& emulator, const ProxyOptions& options) {
  dir_ = make_temp_dir();
  std::system(("mkdir -p " + dir_ + "/page/assets " + dir_ + "/page/sub").c_str());
  write_file(dir_ + "/.env", "# test credentials\nFEISHU_APP_ID=" + std::string(kAppId) + "\nFEISHU_APP_SECRET=\"" +
                                 options.secret + "\"\n");
  chmod((dir_ + "/.env").c_str(), 0600);
  json config = {{"feishu_base_url", emulator.url()},
                 {"app_token", kAppToken},
                 {"tables",
                  {{"students", {{"table_id", options.with_table_ids ? kStudentsId : ""}}},
                   {"records", {{"table_id", options.with_table_ids ? kRecordsId : ""}}}}},
                 {"listen_port", 0},
                 {"static_root", "page"},
                 {"data_dir", "data"},
                 {"env_file", ".env"},
                 {"password_iterations", 1000}};
  for (const auto& item : options.extra.items()) config[item.key()] = item.value();
  write_file(config_path(), config.dump(2));
  proc_.reset(new Process({proxy_binary(), "--config", config_path()}, {}, dir_));
  std::string rest = proc_->wait_for_line("student-sync-proxy listening on http://127.0.0.1:");
  if (rest.empty()) throw std::runtime_error("proxy did not start: " + proc_->err());
  port_ = std::atoi(rest.c_str());
}

Proxy::~Proxy() {
  proc_.reset();
  std::system(("rm -rf " + dir_).c_str());
}

int Proxy::stop() { return proc_->terminate(); }

std::string Proxy::add_user(const std::string& name, const std::string& password) {
  std::string out, err;
  run_command({proxy_binary(), "user", "add", name, "--config", config_path(), "--password-stdin"}, {}, &out, &err,
              password + "\n");
  return out + err;
}

int Proxy::user_command(const std::vector<std::string>& args, std::string* out) {
  std::vector<std::string> argv = {proxy_binary(), "user"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--config");
  argv.push_back(config_path());
  std::string err;
  return run_command(argv, {}, out, &err);
}

std::string Proxy::log() { return proc_->out() + proc_->err(); }

Staff::Staff(int port, const std::string& name, const std::string& password) : client("127.0.0.1", port) {
  client.set_read_timeout(30);
  json body = {{"username", name}, {"password", password}};
  auto r = client.Post("/api/login", body.dump(), "application/json");
  if (!r || r->status != 200) return;
  set_cookie = r->get_header_value("Set-Cookie");
  cookie = set_cookie.substr(0, set_cookie.find(';'));
  csrf = json::parse(r->body).value("csrf_token", "");
}

httplib::Result Staff::get(const std::string& path, httplib::Headers extra) {
  if (!cookie.empty()) extra.emplace("Cookie", cookie);
  return client.Get(path.c_str(), extra);
}

httplib::Result Staff::post(const std::string& path, const std::string& body, httplib::Headers extra,
                            bool with_csrf) {
  if (!cookie.empty()) extra.emplace("Cookie", cookie);
  if (with_csrf && !csrf.empty()) extra.emplace("X-CSRF-Token", csrf);
  return client.Post(path.c_str(), extra, body, "application/json");
}

}  // namespace proxytest
