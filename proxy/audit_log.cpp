// audit_log.cpp — see audit_log.h.
#include "audit_log.h"

namespace ssproxy {

using json = nlohmann::json;

namespace {
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
}  // namespace

int64_t AuditLog::start_run(const std::string& account, const std::string& file_name, const std::string& file_sha256,
                            const json& planned) {
  auto lk = db_.lock();
  Statement(db_.handle(),
            "INSERT INTO runs(account, file_name, file_sha256, planned, started_at) VALUES(?,?,?,?,?)")
      .bind(1, account)
      .bind(2, file_name)
      .bind(3, file_sha256)
      .bind(4, dump(planned))
      .bind(5, now_ms())
      .run();
  return db_.last_insert_id();
}

bool AuditLog::finish_run(int64_t run_id, const std::string& account, const json& achieved) {
  auto lk = db_.lock();
  Statement(db_.handle(), "UPDATE runs SET achieved = ?, finished_at = ? WHERE id = ? AND account = ?")
      .bind(1, dump(achieved))
      .bind(2, now_ms())
      .bind(3, run_id)
      .bind(4, account)
      .run();
  return db_.changes() > 0;
}

bool AuditLog::run_owned_by(int64_t run_id, const std::string& account) {
  auto lk = db_.lock();
  Statement s(db_.handle(), "SELECT 1 FROM runs WHERE id = ? AND account = ?");
  s.bind(1, run_id).bind(2, account);
  return s.step();
}

void AuditLog::record_write(const WriteEntry& e) {
  auto lk = db_.lock();
  Statement s(db_.handle(),
              "INSERT INTO writes(at, account, run_id, table_key, operation, record_count, record_ids, http_status, "
              "feishu_code, duration_ms) VALUES(?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, e.at).bind(2, e.account);
  if (e.run_id) s.bind(3, *e.run_id); else s.bind_null(3);
  s.bind(4, e.table_key).bind(5, e.operation).bind(6, e.record_count).bind(7, dump(json(e.record_ids)));
  s.bind(8, static_cast<int64_t>(e.http_status));
  if (e.feishu_code) s.bind(9, *e.feishu_code); else s.bind_null(9);
  s.bind(10, e.duration_ms).run();
}

json AuditLog::list_runs(int limit) {
  auto lk = db_.lock();
  Statement s(db_.handle(),
              "SELECT r.id, r.account, r.file_name, r.file_sha256, r.planned, r.achieved, r.started_at, r.finished_at, "
              "(SELECT COUNT(*) FROM writes w WHERE w.run_id = r.id), "
              "(SELECT COALESCE(SUM(w.record_count), 0) FROM writes w WHERE w.run_id = r.id AND w.feishu_code = 0), "
              "(SELECT COUNT(*) FROM writes w WHERE w.run_id = r.id AND (w.feishu_code IS NULL OR w.feishu_code != 0)) "
              "FROM runs r ORDER BY r.id DESC LIMIT ?");
  s.bind(1, static_cast<int64_t>(limit));
  json runs = json::array();
  while (s.step()) {
    json run = {{"run_id", std::to_string(s.integer(0))},
                {"account", s.text(1)},
                {"file_name", s.text(2)},
                {"file_sha256", s.text(3)},
                {"planned", json::parse(s.text(4), nullptr, false)},
                {"achieved", s.is_null(5) ? json() : json::parse(s.text(5), nullptr, false)},
                {"started_at", s.integer(6)},
                {"finished_at", s.is_null(7) ? json() : json(s.integer(7))},
                {"write_calls", s.integer(8)},
                {"records_written", s.integer(9)},
                {"failed_calls", s.integer(10)}};
    runs.push_back(std::move(run));
  }
  return json{{"runs", runs}};
}

std::vector<WriteEntry> AuditLog::writes(std::optional<int64_t> run_id) {
  auto lk = db_.lock();
  const char* sql =
      "SELECT at, account, run_id, table_key, operation, record_count, record_ids, http_status, feishu_code, "
      "duration_ms FROM writes WHERE (? IS NULL OR run_id = ?) ORDER BY id";
  Statement s(db_.handle(), sql);
  if (run_id) s.bind(1, *run_id).bind(2, *run_id); else s.bind_null(1).bind_null(2);
  std::vector<WriteEntry> out;
  while (s.step()) {
    WriteEntry e;
    e.at = s.integer(0);
    e.account = s.text(1);
    if (!s.is_null(2)) e.run_id = s.integer(2);
    e.table_key = s.text(3);
    e.operation = s.text(4);
    e.record_count = s.integer(5);
    json ids = json::parse(s.text(6), nullptr, false);
    if (ids.is_array())
      for (const auto& id : ids)
        if (id.is_string()) e.record_ids.push_back(id.get<std::string>());
    e.http_status = static_cast<int>(s.integer(7));
    if (!s.is_null(8)) e.feishu_code = s.integer(8);
    e.duration_ms = s.integer(9);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace ssproxy
