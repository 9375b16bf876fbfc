// table_setup.h — prepares a Base for syncing: creates or completes 学员总表 and 学习记录表.
//
// Implemented: [X] finds the tables by configured table_id, else by name; creates missing ones
//                  (POST /tables) with the primary text field first
//              [X] adds missing fields (POST /fields): text, phone (13), date (5, yyyy/MM/dd)
//              [X] the duplex link 关联到学员总表 (21) on 学习记录表 with back field 学习记录 on 学员总表
//              [X] never deletes or retypes anything: a field with a wrong type is reported, not changed
//              [X] writes both table_ids into the config file (the caller does, via write_table_ids)
// Missing:     [ ] Bases inside a wiki (the wiki node token must first be exchanged for the app_token)
#pragma once

#include <string>
#include <vector>

#include "feishu_upstream.h"
#include "proxy_config.h"

namespace ssproxy {

struct SetupResult {
  bool ok = false;
  std::string students_id;
  std::string records_id;
  std::vector<std::string> steps;     // what was found/created, Chinese
  std::vector<std::string> problems;  // what needs a human, Chinese
};

SetupResult setup_tables(const ProxyConfig& config, FeishuUpstream& upstream);

}  // namespace ssproxy
