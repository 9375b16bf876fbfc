// env_file.h — where the App ID and App Secret come from: the process environment first, then a
// `.env` file. Never from the JSON config or the repository; the values are never printed.
//
// Implemented: [X] FEISHU_APP_ID / FEISHU_APP_SECRET from the environment
//              [X] `.env` lines `KEY=VALUE`, `export KEY=VALUE`, `# comments`, single/double quotes
//              [X] a warning when the .env file is readable by group/others
// Missing:     [ ] variable expansion (`${X}`), multi-line values (not needed for two short strings)
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ssproxy {

struct AppCredentials {
  std::string app_id;
  std::string app_secret;
};

struct CredentialsLoad {
  AppCredentials credentials;
  std::vector<std::string> problems;  // Chinese, one per problem; empty when usable
  std::vector<std::string> warnings;
};

std::map<std::string, std::string> parse_env_text(const std::string& text);
// env_file_path may not exist; that is only a problem when the environment lacks a value too.
CredentialsLoad load_credentials(const std::string& env_file_path);

}  // namespace ssproxy
