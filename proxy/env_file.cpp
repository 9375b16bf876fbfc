// env_file.cpp — see env_file.h.
#include "env_file.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ssproxy {

namespace {
std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}
}  // namespace

std::map<std::string, std::string> parse_env_text(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.compare(0, 7, "export ") == 0) line = trim(line.substr(7));
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'') && value.back() == value[0]) {
      value = value.substr(1, value.size() - 2);
    } else {
      size_t hash = value.find(" #");  // inline comment after an unquoted value
      if (hash != std::string::npos) value = trim(value.substr(0, hash));
    }
    if (!key.empty()) out[key] = value;
  }
  return out;
}

CredentialsLoad load_credentials(const std::string& env_file_path) {
  CredentialsLoad result;
  std::map<std::string, std::string> file_values;
  bool file_exists = false;
  if (!env_file_path.empty()) {
    std::ifstream f(env_file_path, std::ios::binary);
    if (f) {
      file_exists = true;
      std::stringstream ss;
      ss << f.rdbuf();
      file_values = parse_env_text(ss.str());
      struct stat st {};
      if (stat(env_file_path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
        result.warnings.push_back("文件 " + env_file_path + " 对其他用户可读：请执行 chmod 600 " + env_file_path +
                                  "，它含有 App Secret。");
      }
    }
  }
  auto pick = [&](const char* name) -> std::string {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
    auto it = file_values.find(name);
    return it == file_values.end() ? std::string() : it->second;
  };
  result.credentials.app_id = pick("FEISHU_APP_ID");
  result.credentials.app_secret = pick("FEISHU_APP_SECRET");
  std::string where = file_exists ? ("环境变量或 " + env_file_path) : ("环境变量（未找到 .env 文件 " + env_file_path + "）");
  if (result.credentials.app_id.empty()) {
    result.problems.push_back("缺少 FEISHU_APP_ID（已查找" + where +
                              "）：请在飞书开放平台「凭证与基础信息」复制 App ID，写入 .env 文件或设置环境变量。");
  }
  if (result.credentials.app_secret.empty()) {
    result.problems.push_back("缺少 FEISHU_APP_SECRET（已查找" + where +
                              "）：请在飞书开放平台「凭证与基础信息」复制 App Secret，写入 .env 文件（chmod 600）或设置环境变量；不要写进配置文件或代码仓库。");
  }
  return result;
}

}  // namespace ssproxy
