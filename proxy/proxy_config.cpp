// proxy_config.cpp — see proxy_config.h.
#include "proxy_config.h"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace ssproxy {

using ordered_json = nlohmann::ordered_json;

namespace {

std::string dir_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string absolute(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf) != nullptr) return buf;
  // The file may not exist yet: resolve the directory.
  std::string d = dir_of(path);
  if (realpath(d.c_str(), buf) != nullptr) {
    size_t slash = path.find_last_of('/');
    return std::string(buf) + "/" + (slash == std::string::npos ? path : path.substr(slash + 1));
  }
  return path;
}

std::string resolve(const std::string& base_dir, const std::string& p) {
  if (p.empty() || p[0] == '/') return p;
  std::string joined = base_dir + "/" + p;
  char buf[PATH_MAX];
  if (realpath(joined.c_str(), buf) != nullptr) return buf;
  // Not there yet (data dir, .env): tidy the parent so messages show a clean path.
  size_t slash = joined.find_last_of('/');
  if (realpath(joined.substr(0, slash).c_str(), buf) != nullptr) return std::string(buf) + joined.substr(slash);
  return joined;
}

bool is_dir(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

TableConfig default_students() {
  TableConfig t;
  t.key = "students";
  t.display_name = "学员总表";
  t.fields = {{"user_id", "用户ID"}, {"nickname", "昵称"}, {"phone", "手机号"}, {"records_link", "学习记录"}};
  return t;
}

TableConfig default_records() {
  TableConfig t;
  t.key = "records";
  t.display_name = "学习记录表";
  t.fields = {{"user_id", "用户ID"}, {"course", "课程"}, {"study_date", "学习日期"}, {"student_link", "关联到学员总表"}};
  return t;
}

bool host_is_loopback(const std::string& url) {
  size_t start = url.find("://");
  if (start == std::string::npos) return false;
  std::string rest = url.substr(start + 3);
  std::string host = rest.substr(0, rest.find_first_of(":/"));
  if (!rest.empty() && rest[0] == '[') host = rest.substr(0, rest.find(']') + 1);
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

template <typename T>
void read_int(const ordered_json& j, const char* key, T* out, long long lo, long long hi, const std::string& hint,
              std::vector<std::string>* problems) {
  if (!j.contains(key)) return;
  const auto& v = j[key];
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    problems->push_back(std::string(key) + " 应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间的整数" +
                        hint + "。");
    return;
  }
  *out = static_cast<T>(v.get<long long>());
}

void read_string(const ordered_json& j, const char* key, std::string* out, std::vector<std::string>* problems) {
  if (!j.contains(key)) return;
  if (!j[key].is_string()) {
    problems->push_back(std::string(key) + " 应为字符串。");
    return;
  }
  *out = j[key].get<std::string>();
}

void read_table(const ordered_json& tables, TableConfig* t, std::vector<std::string>* problems) {
  if (!tables.contains(t->key)) return;
  const auto& j = tables[t->key];
  std::string prefix = "tables." + t->key;
  if (!j.is_object()) {
    problems->push_back(prefix + " 应为 JSON 对象。");
    return;
  }
  static const std::set<std::string> kKnown = {"name", "table_id", "fields"};
  for (const auto& item : j.items()) {
    if (item.key().empty() || item.key()[0] == '_') continue;
    if (!kKnown.count(item.key())) problems->push_back("未知配置项 " + prefix + "." + item.key() + "：请检查拼写。");
  }
  if (j.contains("name") && j["name"].is_string()) t->display_name = j["name"].get<std::string>();
  if (j.contains("table_id")) {
    if (j["table_id"].is_string()) t->table_id = j["table_id"].get<std::string>();
    else problems->push_back(prefix + ".table_id 应为字符串（如 \"tblXXXX\"）。");
  }
  if (j.contains("fields")) {
    if (!j["fields"].is_object()) {
      problems->push_back(prefix + ".fields 应为对象，例如 {\"user_id\": \"用户ID\"}。");
      return;
    }
    for (const auto& f : j["fields"].items()) {
      if (!f.key().empty() && f.key()[0] == '_') continue;
      if (!t->fields.count(f.key())) {
        std::string roles;
        for (const auto& r : t->fields) roles += (roles.empty() ? "" : "、") + r.first;
        problems->push_back("未知字段角色 " + prefix + ".fields." + f.key() + "：可用的有 " + roles + "。");
      } else if (!f.value().is_string() || f.value().get<std::string>().empty()) {
        problems->push_back(prefix + ".fields." + f.key() + " 应为非空字符串（多维表格中的字段名）。");
      } else {
        t->fields[f.key()] = f.value().get<std::string>();
      }
    }
  }
}

}  // namespace

std::string TableConfig::field(const std::string& role) const {
  auto it = fields.find(role);
  return it == fields.end() ? std::string() : it->second;
}

const TableConfig* ProxyConfig::table(const std::string& key) const {
  if (key == "students") return &students;
  if (key == "records") return &records;
  return nullptr;
}

std::string ProxyConfig::database_path() const { return data_dir + "/student-sync-proxy.sqlite"; }

ProxyConfig default_config() {
  ProxyConfig c;
  c.students = default_students();
  c.records = default_records();
  return c;
}

ConfigLoad load_config(const std::string& path) {
  ConfigLoad out;
  out.config = default_config();
  ProxyConfig& c = out.config;
  c.config_path = absolute(path);
  std::string base = dir_of(c.config_path);
  c.static_root = resolve(base, "build/wasm/page");
  c.data_dir = resolve(base, "data");
  c.env_file = resolve(base, ".env");

  std::ifstream f(path, std::ios::binary);
  if (!f) {
    out.problems.push_back("找不到配置文件 " + path + "：可复制 assets/proxy.example.json 后修改。");
    return out;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  ordered_json j = ordered_json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    out.problems.push_back("配置文件 " + path + " 不是合法的 JSON 对象：请检查括号、逗号和引号（JSON 不允许注释和末尾逗号）。");
    return out;
  }
  out.readable = true;

  static const std::set<std::string> kKnown = {
      "feishu_base_url", "app_token", "tables", "time_zone", "listen_host", "listen_port", "static_root", "data_dir",
      "env_file", "session_hours", "password_iterations", "max_body_bytes", "upstream_timeout_seconds",
      "cookie_secure"};
  for (const auto& item : j.items()) {
    const std::string& k = item.key();
    if (k.empty() || k[0] == '_') continue;
    std::string lower;
    for (char ch : k) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    if (lower.find("secret") != std::string::npos || lower == "app_id" || lower == "appid") {
      out.problems.push_back("配置文件中不能出现 " + k +
                             "：App ID 和 App Secret 只能放在环境变量或 .env 文件（FEISHU_APP_ID / FEISHU_APP_SECRET）中，请从配置文件删除它。");
    } else if (!kKnown.count(k)) {
      out.problems.push_back("未知配置项 " + k + "：请检查拼写（以 _ 开头的键可作注释）。");
    }
  }

  read_string(j, "feishu_base_url", &c.feishu_base_url, &out.problems);
  read_string(j, "app_token", &c.app_token, &out.problems);
  read_string(j, "time_zone", &c.time_zone, &out.problems);
  read_string(j, "listen_host", &c.listen_host, &out.problems);
  std::string static_root, data_dir, env_file;
  read_string(j, "static_root", &static_root, &out.problems);
  read_string(j, "data_dir", &data_dir, &out.problems);
  read_string(j, "env_file", &env_file, &out.problems);
  if (!static_root.empty()) c.static_root = resolve(base, static_root);
  if (!data_dir.empty()) c.data_dir = resolve(base, data_dir);
  if (!env_file.empty()) c.env_file = resolve(base, env_file);
  read_int(j, "listen_port", &c.listen_port, 0, 65535, "（0 表示自动选择空闲端口）", &out.problems);
  read_int(j, "session_hours", &c.session_hours, 1, 24 * 30, "（登录会话有效小时数）", &out.problems);
  read_int(j, "password_iterations", &c.password_iterations, 1000, 10000000, "（PBKDF2 迭代次数，建议 ≥ 200000）",
           &out.problems);
  read_int(j, "max_body_bytes", &c.max_body_bytes, 1024, 64LL * 1024 * 1024, "（请求体上限，字节）", &out.problems);
  read_int(j, "upstream_timeout_seconds", &c.upstream_timeout_seconds, 1, 600, "", &out.problems);
  if (j.contains("cookie_secure")) {
    if (j["cookie_secure"].is_boolean()) c.cookie_secure = j["cookie_secure"].get<bool>();
    else out.problems.push_back("cookie_secure 应为 true 或 false。");
  }
  if (j.contains("tables")) {
    if (!j["tables"].is_object()) {
      out.problems.push_back("tables 应为对象，包含 students 和 records 两项。");
    } else {
      for (const auto& item : j["tables"].items()) {
        if (item.key() != "students" && item.key() != "records" && !(item.key().size() && item.key()[0] == '_'))
          out.problems.push_back("未知数据表 tables." + item.key() + "：只支持 students（学员总表）和 records（学习记录表）。");
      }
      read_table(j["tables"], &c.students, &out.problems);
      read_table(j["tables"], &c.records, &out.problems);
    }
  }

  // Semantic checks.
  const std::string& url = c.feishu_base_url;
  bool https = url.compare(0, 8, "https://") == 0;
  bool http = url.compare(0, 7, "http://") == 0;
  if (!https && !http) {
    out.problems.push_back("feishu_base_url 应以 https:// 开头（默认 https://open.feishu.cn）。");
  } else if (http && !host_is_loopback(url)) {
    out.problems.push_back("feishu_base_url 使用了明文 http:// 且不是本机地址：App Secret 会以明文传输。请改为 https://open.feishu.cn（http 只允许用于本机模拟器）。");
  }
  if (!url.empty() && url.back() == '/') c.feishu_base_url.pop_back();
  if (c.app_token.empty()) {
    out.problems.push_back("缺少 app_token：打开多维表格，浏览器地址中 /base/ 后面、? 前面的一段就是 app_token（知识库中的表格需先换取 obj_token）。");
  }
  if (c.listen_host.empty()) {
    out.problems.push_back("listen_host 不能为空（建议 127.0.0.1）。");
  } else if (c.listen_host != "127.0.0.1" && c.listen_host != "localhost" && c.listen_host != "::1" &&
             !c.cookie_secure) {
    out.warnings.push_back("listen_host = " + c.listen_host +
                           " 不是本机地址，而代理本身只说 HTTP：请在前面放一个 HTTPS 反向代理，并设置 \"cookie_secure\": true，否则密码和会话会以明文经过网络。");
  }
  if (c.time_zone.empty()) {
    out.problems.push_back("time_zone 不能为空（如 Asia/Shanghai）。");
  } else {
    struct stat st {};
    if (stat(("/usr/share/zoneinfo/" + c.time_zone).c_str(), &st) != 0)
      out.warnings.push_back("本机找不到时区 " + c.time_zone + "（/usr/share/zoneinfo）：请确认拼写，如 Asia/Shanghai。");
  }
  for (const TableConfig* t : {&c.students, &c.records}) {
    if (t->display_name.empty()) out.problems.push_back("tables." + t->key + ".name 不能为空。");
  }
  if (c.password_iterations < 200000) {
    out.warnings.push_back("password_iterations = " + std::to_string(c.password_iterations) +
                           " 低于建议值 200000：只应在测试中这样设置。");
  }
  if (!is_dir(c.static_root)) {
    out.warnings.push_back("页面目录 static_root = " + c.static_root +
                           " 不存在：请先构建网页（wasm 构建生成 build/wasm/page），否则只能使用 API。");
  }
  return out;
}

std::vector<std::string> table_id_problems(const ProxyConfig& config) {
  std::vector<std::string> problems;
  for (const TableConfig* t : {&config.students, &config.records}) {
    if (t->table_id.empty()) {
      problems.push_back("tables." + t->key + ".table_id 为空（" + t->display_name +
                         "）：请运行 student-sync-proxy setup-tables --config " + config.config_path +
                         " 自动建表并写入，或从表格链接中 table= 后面复制 tbl 开头的 ID。");
    } else if (t->table_id.compare(0, 3, "tbl") != 0) {
      problems.push_back("tables." + t->key + ".table_id = " + t->table_id + " 看起来不对：table_id 以 tbl 开头。");
    }
  }
  if (!config.students.table_id.empty() && config.students.table_id == config.records.table_id) {
    problems.push_back("学员总表和学习记录表的 table_id 相同：它们必须是两张不同的表。");
  }
  return problems;
}

bool write_table_ids(const std::string& path, const std::string& students_id, const std::string& records_id,
                     std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    *error = "无法读取配置文件 " + path;
    return false;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  ordered_json j = ordered_json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "配置文件不是合法 JSON：" + path;
    return false;
  }
  if (!j.contains("tables") || !j["tables"].is_object()) j["tables"] = ordered_json::object();
  for (auto pair : {std::make_pair("students", students_id), std::make_pair("records", records_id)}) {
    if (!j["tables"].contains(pair.first) || !j["tables"][pair.first].is_object())
      j["tables"][pair.first] = ordered_json::object();
    j["tables"][pair.first]["table_id"] = pair.second;
  }
  // Write to a temporary file and rename, so a crash never leaves half a config.
  std::string tmp = path + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    if (!o) {
      *error = "无法写入 " + tmp;
      return false;
    }
    o << j.dump(2) << "\n";
    if (!o) {
      *error = "写入失败：" + tmp;
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "无法替换配置文件 " + path;
    return false;
  }
  return true;
}

}  // namespace ssproxy
