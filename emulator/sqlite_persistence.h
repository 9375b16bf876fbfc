// sqlite_persistence.h: optional on-disk state (--db FILE) so a Base survives an emulator restart.
//
// Implemented:
//  [X] Three tables (bases, tables with their field definitions as JSON, records with their stored
//      values as JSON), written through after every successful change in one transaction.
//  [X] Loading everything back at start-up, records in creation order.
// Missing:
//  [ ] client_token memory, tokens, rate-limit windows and stats are not persisted (a restart forgets
//      them, as a real process restart of a stand-in would; tokens must be fetched again).
#pragma once

#include "api_error.h"
#include "base_model.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>

struct sqlite3;

namespace feishu_emulator {

class SqlitePersistence {
 public:
  static Expected<std::unique_ptr<SqlitePersistence>> open(const std::string& path);
  ~SqlitePersistence();

  Expected<Done> load(std::map<std::string, App>& apps);
  Expected<Done> save(const std::map<std::string, App>& apps,
                      const std::set<std::pair<std::string, std::string>>& tables,
                      const std::set<std::tuple<std::string, std::string, std::string>>& upserts,
                      const std::set<std::tuple<std::string, std::string, std::string>>& deletes);

 private:
  explicit SqlitePersistence(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace feishu_emulator
