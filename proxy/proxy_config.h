// proxy_config.h — the one ProxyConfig struct, read from a JSON file, validated with Chinese messages.
//
// Implemented: [X] keys: feishu_base_url, app_token, tables.{students,records}.{name,table_id,fields},
//                  time_zone, listen_host, listen_port, static_root, data_dir, env_file,
//                  session_hours, password_iterations, max_body_bytes, upstream_timeout_seconds,
//                  cookie_secure; keys starting with "_" are comments
//              [X] relative paths are resolved against the config file's directory, so the proxy
//                  behaves the same whatever directory it is started from
//              [X] refuses app_id/app_secret in the file (they belong in the environment or .env)
//              [X] unknown keys reported (typos would otherwise silently fall back to defaults)
//              [X] writing table_ids back into the file (setup-tables), keeping every other key
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ssproxy {

// The app-facing table names ("students", "records") are fixed by the API contract; what they map
// to in Feishu is configuration.
struct TableConfig {
  std::string key;           // "students" | "records"
  std::string display_name;  // 学员总表 | 学习记录表
  std::string table_id;      // tbl…, written by setup-tables
  std::map<std::string, std::string> fields;  // role → field name, e.g. "user_id" → "用户ID"
  std::string field(const std::string& role) const;
};

struct ProxyConfig {
  std::string config_path;  // absolute
  std::string feishu_base_url = "https://open.feishu.cn";
  std::string app_token;
  TableConfig students;
  TableConfig records;
  std::string time_zone = "Asia/Shanghai";
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::string static_root;  // absolute
  std::string data_dir;     // absolute
  std::string env_file;     // absolute
  int session_hours = 12;
  int password_iterations = 200000;
  size_t max_body_bytes = 4 * 1024 * 1024;
  int upstream_timeout_seconds = 30;
  bool cookie_secure = false;  // set true when a TLS terminator sits in front

  const TableConfig* table(const std::string& key) const;
  std::string database_path() const;
};

struct ConfigLoad {
  ProxyConfig config;
  std::vector<std::string> problems;  // fatal, Chinese, each with the fix
  std::vector<std::string> warnings;  // not fatal
  bool readable = false;              // the file exists and is a JSON object
  bool ok() const { return problems.empty(); }
};

ProxyConfig default_config();
ConfigLoad load_config(const std::string& path);
// Problems that only matter once the proxy talks to a Base (table ids present).
std::vector<std::string> table_id_problems(const ProxyConfig& config);
// Rewrites tables.students.table_id / tables.records.table_id in the file, keeping other keys and order.
bool write_table_ids(const std::string& path, const std::string& students_id, const std::string& records_id,
                     std::string* error);

}  // namespace ssproxy
