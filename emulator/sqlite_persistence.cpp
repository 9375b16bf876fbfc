// sqlite_persistence.cpp: see sqlite_persistence.h for the capability list.
#include "sqlite_persistence.h"

#include <sqlite3.h>

namespace feishu_emulator {
namespace {

ApiError db_error(sqlite3* db, const std::string& what) {
  return err_internal("SQLite " + what + ": " + (db ? sqlite3_errmsg(db) : "cannot open"));
}

json field_to_json(const FieldDef& f) {
  return json{{"id", f.id}, {"name", f.name}, {"type", f.type}, {"property", f.property}, {"is_primary", f.is_primary}};
}

FieldDef field_from_json(const json& j) {
  FieldDef f;
  f.id = j.value("id", "");
  f.name = j.value("name", "");
  f.type = j.value("type", 1);
  f.property = j.value("property", json());
  f.is_primary = j.value("is_primary", false);
  return f;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A prepared statement that finalizes itself.
struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~Stmt() { sqlite3_finalize(s); }
  void text(int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  std::string col(int i) {
    const unsigned char* t = sqlite3_column_text(s, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
};

}  // namespace

Expected<std::unique_ptr<SqlitePersistence>> SqlitePersistence::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    ApiError e = db_error(db, "open " + path);
    sqlite3_close(db);
    return e;
  }
  const char* schema =
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS bases(app_token TEXT PRIMARY KEY, body TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS tables(app_token TEXT, table_id TEXT, body TEXT NOT NULL,"
      "  PRIMARY KEY(app_token, table_id));"
      "CREATE TABLE IF NOT EXISTS records(app_token TEXT, table_id TEXT, record_id TEXT, seq INTEGER,"
      "  body TEXT NOT NULL, PRIMARY KEY(app_token, table_id, record_id));";
  if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    ApiError e = db_error(db, "schema");
    sqlite3_close(db);
    return e;
  }
  return std::unique_ptr<SqlitePersistence>(new SqlitePersistence(db));
}

SqlitePersistence::~SqlitePersistence() { sqlite3_close(db_); }

Expected<Done> SqlitePersistence::load(std::map<std::string, App>& apps) {
  {
    Stmt st(db_, "SELECT app_token, body FROM bases");
    while (sqlite3_step(st.s) == SQLITE_ROW) {
      json b = json::parse(st.col(1), nullptr, false);
      if (b.is_discarded()) return db_error(db_, "corrupt base row");
      App& a = apps[st.col(0)];
      a.token = st.col(0);
      a.name = b.value("name", "");
      a.table_order = b.value("table_order", std::vector<std::string>{});
    }
  }
  {
    Stmt st(db_, "SELECT app_token, table_id, body FROM tables");
    while (sqlite3_step(st.s) == SQLITE_ROW) {
      json b = json::parse(st.col(2), nullptr, false);
      if (b.is_discarded() || !apps.count(st.col(0))) return db_error(db_, "corrupt table row");
      Table& t = apps[st.col(0)].tables[st.col(1)];
      t.id = st.col(1);
      t.name = b.value("name", "");
      t.revision = b.value("revision", 1);
      t.next_seq = b.value("next_seq", 1);
      const json fields = b.value("fields", json::array());
      for (const auto& f : fields) t.fields.push_back(field_from_json(f));
    }
  }
  Stmt st(db_, "SELECT app_token, table_id, record_id, seq, body FROM records ORDER BY seq");
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    json b = json::parse(st.col(4), nullptr, false);
    auto a = apps.find(st.col(0));
    if (b.is_discarded() || a == apps.end() || !a->second.tables.count(st.col(1)))
      return db_error(db_, "corrupt record row");
    Table& t = a->second.tables[st.col(1)];
    Record& r = t.records[st.col(2)];
    r.id = st.col(2);
    r.seq = static_cast<uint64_t>(sqlite3_column_int64(st.s, 3));
    r.created_ms = b.value("created", int64_t{0});
    r.modified_ms = b.value("modified", int64_t{0});
    const json values = b.value("values", json::object());  // named: items() must not outlive it
    for (const auto& [k, v] : values.items()) r.values[k] = v;
    t.order[r.seq] = r.id;
    // next_seq is only written with schema changes; the records themselves are the truth.
    if (r.seq >= t.next_seq) t.next_seq = r.seq + 1;
  }
  return Done{};
}

Expected<Done> SqlitePersistence::save(const std::map<std::string, App>& apps,
                                       const std::set<std::pair<std::string, std::string>>& tables,
                                       const std::set<std::tuple<std::string, std::string, std::string>>& upserts,
                                       const std::set<std::tuple<std::string, std::string, std::string>>& deletes) {
  if (sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return db_error(db_, "begin");
  bool ok = true;
  for (const auto& [app, tid] : tables) {
    const App& a = apps.at(app);
    Stmt b(db_, "INSERT OR REPLACE INTO bases(app_token, body) VALUES(?,?)");
    b.text(1, app);
    b.text(2, dump({{"name", a.name}, {"table_order", a.table_order}}));
    ok = ok && sqlite3_step(b.s) == SQLITE_DONE;
    const Table& t = a.tables.at(tid);
    json fields = json::array();
    for (const auto& f : t.fields) fields.push_back(field_to_json(f));
    Stmt s(db_, "INSERT OR REPLACE INTO tables(app_token, table_id, body) VALUES(?,?,?)");
    s.text(1, app);
    s.text(2, tid);
    s.text(3, dump({{"name", t.name}, {"revision", t.revision}, {"next_seq", t.next_seq}, {"fields", fields}}));
    ok = ok && sqlite3_step(s.s) == SQLITE_DONE;
  }
  for (const auto& [app, tid, rid] : upserts) {
    const Table& t = apps.at(app).tables.at(tid);
    auto it = t.records.find(rid);
    if (it == t.records.end()) continue;
    json values = json::object();
    for (const auto& [k, v] : it->second.values) values[k] = v;
    Stmt s(db_, "INSERT OR REPLACE INTO records(app_token, table_id, record_id, seq, body) VALUES(?,?,?,?,?)");
    s.text(1, app);
    s.text(2, tid);
    s.text(3, rid);
    sqlite3_bind_int64(s.s, 4, static_cast<sqlite3_int64>(it->second.seq));
    s.text(5, dump({{"created", it->second.created_ms}, {"modified", it->second.modified_ms}, {"values", values}}));
    ok = ok && sqlite3_step(s.s) == SQLITE_DONE;
  }
  for (const auto& [app, tid, rid] : deletes) {
    Stmt s(db_, "DELETE FROM records WHERE app_token=? AND table_id=? AND record_id=?");
    s.text(1, app);
    s.text(2, tid);
    s.text(3, rid);
    ok = ok && sqlite3_step(s.s) == SQLITE_DONE;
  }
  if (!ok) {
    ApiError e = db_error(db_, "write");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return db_error(db_, "commit");
  return Done{};
}

}  // namespace feishu_emulator
