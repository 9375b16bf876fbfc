// audit_log.h — who changed what in the Base, through this proxy, grouped by sync run.
//
// Implemented: [X] runs: start (file name, file SHA-256, planned counts), finish (achieved counts), list
//              [X] one row per forwarded write: time, staff account, run, table, operation, record count,
//                  created/changed/deleted record_ids, HTTP status, Feishu code, duration
//              [X] nothing of the records' contents is stored (no names, no phone numbers)
// Missing:     [ ] retention / pruning of old rows
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "database.h"

namespace ssproxy {

struct WriteEntry {
  int64_t at = 0;
  std::string account;
  std::optional<int64_t> run_id;
  std::string table_key;  // students | records
  std::string operation;  // batch_create | batch_update | batch_delete
  int64_t record_count = 0;
  std::vector<std::string> record_ids;
  int http_status = 0;
  std::optional<int64_t> feishu_code;
  int64_t duration_ms = 0;
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  int64_t start_run(const std::string& account, const std::string& file_name, const std::string& file_sha256,
                    const nlohmann::json& planned);
  // False when the run does not exist or belongs to someone else.
  bool finish_run(int64_t run_id, const std::string& account, const nlohmann::json& achieved);
  bool run_owned_by(int64_t run_id, const std::string& account);
  void record_write(const WriteEntry& entry);
  nlohmann::json list_runs(int limit);
  std::vector<WriteEntry> writes(std::optional<int64_t> run_id);  // all writes when run_id is empty

 private:
  Database& db_;
};

}  // namespace ssproxy
