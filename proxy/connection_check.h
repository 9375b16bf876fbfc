// connection_check.h — "can this proxy sync this Base?", answered step by step in Chinese.
//
// Implemented: [X] tenant_access_token obtainable (bad App ID/Secret explained)
//              [X] both tables reachable (collaborator / table_id problems explained)
//              [X] required fields present with the right types: students 用户ID text, 昵称 text,
//                  手机号 phone or text, 学习记录 duplex link; records 用户ID text, 课程 text, 学习日期 date,
//                  关联到学员总表 duplex link to the students table whose back field is 学习记录
//              [X] field names taken from the config, so renamed columns are checked as configured
// Missing:     [ ] checking that 用户ID is the primary field (only reported, not required)
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "feishu_upstream.h"
#include "proxy_config.h"

namespace ssproxy {

struct CheckItem {
  std::string name;
  bool ok = false;
  std::optional<int64_t> code;
  std::string message;
};

struct CheckReport {
  std::vector<CheckItem> items;
  bool ok() const;
  nlohmann::json to_json() const;
};

CheckReport run_connection_check(const ProxyConfig& config, FeishuUpstream& upstream);
// All fields of a table (follows page_token); false + *error_item when Feishu refuses.
bool list_all_fields(const ProxyConfig& config, FeishuUpstream& upstream, const std::string& table_id,
                     nlohmann::json* fields, CheckItem* error_item);

}  // namespace ssproxy
