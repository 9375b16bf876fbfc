// admin_commands.cpp — see admin_commands.h.
#include "admin_commands.h"

#include <cstdio>
#include <ctime>
#include <iostream>

#include "accounts.h"
#include "connection_check.h"
#include "env_file.h"
#include "feishu_upstream.h"
#include "password_hash.h"
#include "proxy_config.h"
#include "table_setup.h"

namespace ssproxy {

namespace {

void print_lines(const char* mark, const std::vector<std::string>& lines, FILE* to) {
  for (const auto& l : lines) std::fprintf(to, "%s %s\n", mark, l.c_str());
}

std::string read_password_from_stdin() {
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

std::string day_of(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
  return buf;
}

}  // namespace

int run_check_command(const std::string& config_path, bool offline) {
  ConfigLoad load = load_config(config_path);
  std::printf("配置文件：%s\n", load.config.config_path.c_str());
  std::vector<std::string> problems = load.problems;
  std::vector<std::string> warnings = load.warnings;
  CredentialsLoad creds;
  if (load.readable) {
    creds = load_credentials(load.config.env_file);
    problems.insert(problems.end(), creds.problems.begin(), creds.problems.end());
    warnings.insert(warnings.end(), creds.warnings.begin(), creds.warnings.end());
    for (const auto& p : table_id_problems(load.config)) problems.push_back(p);
  }
  print_lines("✗", problems, stdout);
  print_lines("!", warnings, stdout);
  if (!problems.empty()) {
    std::printf("共 %zu 个问题，请按提示修改后再运行 --check。\n", problems.size());
    return 1;
  }
  std::printf("✓ 配置文件和凭证齐全。\n");
  if (offline) return 0;
  FeishuUpstream upstream(load.config.feishu_base_url, creds.credentials, load.config.upstream_timeout_seconds);
  CheckReport report = run_connection_check(load.config, upstream);
  for (const auto& item : report.items) std::printf("%s %s\n", item.ok ? "✓" : "✗", item.message.c_str());
  std::printf(report.ok() ? "✓ 连接检查通过，可以同步。\n" : "连接检查未通过，请按提示处理。\n");
  return report.ok() ? 0 : 1;
}

int run_user_command(const std::string& action, const std::string& name, const std::string& config_path,
                     bool password_stdin) {
  ConfigLoad load = load_config(config_path);
  if (!load.readable) {
    print_lines("✗", load.problems, stderr);
    return 2;
  }
  std::string error;
  std::unique_ptr<Database> db = Database::open(load.config.database_path(), &error);
  if (!db) {
    std::fprintf(stderr, "✗ %s\n", error.c_str());
    return 2;
  }
  AccountStore accounts(*db, load.config.password_iterations);
  if (action == "list") {
    for (const auto& a : accounts.list())
      std::printf("%s\t%s\t创建于 %s\n", a.name.c_str(), a.disabled ? "已停用" : "可用", day_of(a.created_at).c_str());
    return 0;
  }
  if (name.empty()) {
    std::fprintf(stderr, "✗ 请给出账号名，例如：student-sync-proxy user %s zhangsan --config %s\n", action.c_str(),
                 config_path.c_str());
    return 2;
  }
  if (action == "add" || action == "reset") {
    std::string password = password_stdin ? read_password_from_stdin() : generate_password();
    error = action == "add" ? accounts.add(name, password) : accounts.reset_password(name, password);
    if (!error.empty()) {
      std::fprintf(stderr, "✗ %s\n", error.c_str());
      return 1;
    }
    std::printf(action == "add" ? "已添加账号 %s。\n" : "已重置账号 %s 的密码，它的登录会话已失效。\n", name.c_str());
    if (!password_stdin) std::printf("密码（只显示这一次，请安全地交给本人）：%s\n", password.c_str());
    return 0;
  }
  if (action == "disable" || action == "enable") {
    error = accounts.set_disabled(name, action == "disable");
    if (!error.empty()) {
      std::fprintf(stderr, "✗ %s\n", error.c_str());
      return 1;
    }
    std::printf(action == "disable" ? "已停用账号 %s，它的登录会话已失效。\n" : "已启用账号 %s。\n", name.c_str());
    return 0;
  }
  std::fprintf(stderr, "✗ 未知的 user 子命令 %s：可用 add、list、disable、enable、reset。\n", action.c_str());
  return 2;
}

int run_setup_tables_command(const std::string& config_path) {
  ConfigLoad load = load_config(config_path);
  CredentialsLoad creds;
  std::vector<std::string> problems = load.problems;
  if (load.readable) {
    creds = load_credentials(load.config.env_file);
    problems.insert(problems.end(), creds.problems.begin(), creds.problems.end());
  }
  if (!problems.empty()) {
    print_lines("✗", problems, stderr);
    return 2;
  }
  FeishuUpstream upstream(load.config.feishu_base_url, creds.credentials, load.config.upstream_timeout_seconds);
  SetupResult r = setup_tables(load.config, upstream);
  print_lines("·", r.steps, stdout);
  print_lines("✗", r.problems, stdout);
  if (!r.students_id.empty() && !r.records_id.empty()) {
    std::string error;
    if (!write_table_ids(load.config.config_path, r.students_id, r.records_id, &error)) {
      std::fprintf(stderr, "✗ %s\n", error.c_str());
      return 1;
    }
    std::printf("已把 table_id 写入 %s（students=%s, records=%s）。\n", load.config.config_path.c_str(),
                r.students_id.c_str(), r.records_id.c_str());
  }
  std::printf(r.ok ? "✓ 两张表已就绪。\n" : "表格设置未完成，请按提示处理。\n");
  return r.ok ? 0 : 1;
}

}  // namespace ssproxy
