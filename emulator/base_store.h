// base_store.h: every Base the emulator holds, and the Feishu operations on them.
//
// Implemented:
//  [X] Tables list/create, fields list/create (types of field_values.h; a duplex link (21) creates
//      its back field in the other table; select options auto-created from written names, §9.5).
//  [X] Records create/update/delete in batches that are all-or-nothing: the whole batch is checked
//      before anything changes (§3 "Batch operations are all-or-nothing").
//  [X] Duplex links kept both ways at once; deleting a record removes it from every link cell that
//      pointed at it (single and duplex).
//  [X] search (filter, sort, field_names, automatic_fields, page_size ≤ 500, page_token, total) and
//      batch_get (1–100 ids, absent_record_ids).
//  [X] Optional SQLite persistence (write-through after every successful change) and a start-up
//      Base file (base_loader.cpp).
//  [X] One mutex: cpp-httplib runs handlers on a thread pool. Write *conflicts* are detected
//      before the store is reached (write_lock.h), so the mutex never hides overlapping writes.
// Missing:
//  [ ] Views (`view_id` is accepted and ignored), table/field update and delete, app creation.
//  [ ] created_by/last_modified_by (no users are modelled); automatic_fields gives the two times only.
//  [ ] Per-Base limits other than 100 tables (fields ≤ 300, records per plan) are not enforced.
#pragma once

#include "api_error.h"
#include "base_model.h"
#include "time_zone.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <tuple>

namespace feishu_emulator {

class SqlitePersistence;

struct StoreOptions {
  TimeZone time_zone;
  size_t max_batch = 500;              // create/update batch limit (§ Decisions); delete stays at 500
  std::function<int64_t()> now_ms;     // wall clock; tests may inject their own
};

class BaseStore {
 public:
  explicit BaseStore(StoreOptions options);
  ~BaseStore();

  // Opens (or creates) the SQLite file and loads what it holds.
  Expected<Done> attach_database(const std::string& path);
  // Creates the apps described in a Base file that do not exist yet (see base_loader.cpp for the format).
  Expected<Done> load_base_file(const json& doc);

  // Feishu operations: each returns the `data` object of the success envelope.
  Expected<json> list_tables(const std::string& app, int page_size, const std::string& page_token);
  Expected<json> create_table(const std::string& app, const json& body);
  Expected<json> list_fields(const std::string& app, const std::string& table, int page_size,
                             const std::string& page_token);
  Expected<json> create_field(const std::string& app, const std::string& table, const json& body);
  Expected<json> search(const std::string& app, const std::string& table, const json& body, int page_size,
                        const std::string& page_token);
  Expected<json> batch_get(const std::string& app, const std::string& table, const json& body);
  Expected<json> create_records(const std::string& app, const std::string& table, const json& records);
  Expected<json> update_records(const std::string& app, const std::string& table, const json& records);
  Expected<json> delete_records(const std::string& app, const std::string& table, const json& record_ids);

  // Admin (not Feishu): full contents in write shapes.
  Expected<json> admin_tables(const std::string& app);
  Expected<json> admin_records(const std::string& app, const std::string& table);
  Expected<Done> check_table(const std::string& app, const std::string& table);

  // Paging helpers shared with the loader and tests: opaque tokens carrying an offset.
  static std::string encode_page_token(size_t offset);
  static bool decode_page_token(const std::string& token, size_t& offset);

 private:
  struct Changes {
    std::set<std::pair<std::string, std::string>> tables;                        // schema changed
    std::set<std::tuple<std::string, std::string, std::string>> upserts, deletes;  // records
  };

  Expected<App*> find_app(const std::string& app);
  Expected<Table*> find_table(const std::string& app, const std::string& table);
  std::string new_id(const std::string& prefix, size_t length);
  json field_json(const App& app, const FieldDef& f) const;
  Expected<FieldDef*> add_field(App& app, Table& t, const json& spec, const std::string& fixed_id, Changes& ch);
  Expected<Table*> add_table(App& app, const std::string& name, const std::string& fixed_id, Changes& ch);
  Expected<json> create_records_locked(App& app, Table& t, const json& records,
                                       const std::vector<std::string>& fixed_ids, Changes& ch);
  Expected<json> update_records_locked(App& app, Table& t, const json& records, Changes& ch);
  void set_link_cell(App& app, Table& t, Record& r, const FieldDef& f, const json& ids, Changes& ch);
  void ensure_options(App& app, Table& t, FieldDef& f, const json& value, Changes& ch);
  void persist(const Changes& ch);
  void persist_everything();

  StoreOptions options_;
  std::mutex mu_;
  std::map<std::string, App> apps_;
  std::mt19937_64 rng_;
  std::unique_ptr<SqlitePersistence> db_;
};

}  // namespace feishu_emulator
