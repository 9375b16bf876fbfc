// base_loader.cpp: BaseStore::load_base_file, the start-up file (--base FILE) that creates a Base.
//
// Implemented:
//  [X] Format: {"app_token","name","tables":[{"table_id"?,"name","fields":[{"field_id"?,"field_name",
//      "type","property"?}],"records"?:[{"record_id"?,"fields":{…write shapes…}}]}]} or {"apps":[…]}.
//  [X] All tables are created first, then fields in file order (so links may point at any table of
//      the file), then records without links, then links (so records may link to records anywhere).
//  [X] A duplex link is declared once; its back field is created in the other table
//      (property.back_field_name / back_field_id fix its name and id).
//  [X] An app that already exists (e.g. loaded from --db) is left untouched: the database wins.
// Missing:
//  [ ] No partial-load rollback: a bad file is reported and the emulator refuses to start.
#include "base_store.h"

namespace feishu_emulator {

Expected<Done> BaseStore::load_base_file(const json& doc) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!doc.is_object()) return err_wrong_body("base file must be a JSON object");
  const json apps = doc.contains("apps") ? doc["apps"] : json::array({doc});
  if (!apps.is_array()) return err_wrong_body("base file: apps must be an array");
  Changes ch;
  for (const auto& spec : apps) {
    const std::string token = spec.value("app_token", "");
    if (token.empty()) return err_wrong_body("base file: app_token is required");
    if (apps_.count(token)) continue;
    App& app = apps_[token];
    app.token = token;
    app.name = spec.value("name", token);
    const json tables = spec.value("tables", json::array());
    std::vector<Table*> made;
    for (const auto& ts : tables) {
      auto t = add_table(app, ts.value("name", ""), ts.value("table_id", ""), ch);
      if (!t.ok()) return t.error();
      made.push_back(t.value());
    }
    for (size_t i = 0; i < made.size(); ++i)
      for (const auto& fs : tables[i].value("fields", json::array())) {
        auto f = add_field(app, *made[i], fs, fs.value("field_id", ""), ch);
        if (!f.ok()) return ApiError{f.error().http_status, f.error().code, f.error().msg,
                                     "table '" + made[i]->name + "': " + f.error().message};
      }
    // Records in two passes: plain values first, then link cells once every record exists.
    std::vector<json> link_updates(made.size(), json::array());
    for (size_t i = 0; i < made.size(); ++i) {
      const json records = tables[i].value("records", json::array());
      if (records.empty()) continue;
      json plain = json::array();
      std::vector<std::string> ids;
      for (const auto& r : records) {
        json values = json::object(), links = json::object();
        const json written = r.value("fields", json::object());  // named: items() must not outlive it
        for (const auto& [name, v] : written.items()) {
          const FieldDef* f = made[i]->field_by_name(name);
          (f && f->is_link() ? links : values)[name] = v;
        }
        plain.push_back({{"fields", values}});
        ids.push_back(r.value("record_id", ""));
        if (!links.empty()) link_updates[i].push_back({{"record_id", ""}, {"fields", links}, {"index", ids.size() - 1}});
      }
      const size_t saved_max = options_.max_batch;
      options_.max_batch = SIZE_MAX;  // the start-up file is not an API call
      auto created = create_records_locked(app, *made[i], plain, ids, ch);
      options_.max_batch = saved_max;
      if (!created.ok()) return created.error();
      for (auto& u : link_updates[i]) u["record_id"] = created.value()["records"][u["index"].get<size_t>()]["record_id"];
    }
    for (size_t i = 0; i < made.size(); ++i) {
      if (link_updates[i].empty()) continue;
      for (auto& u : link_updates[i]) u.erase("index");
      const size_t saved_max = options_.max_batch;
      options_.max_batch = SIZE_MAX;
      auto updated = update_records_locked(app, *made[i], link_updates[i], ch);
      options_.max_batch = saved_max;
      if (!updated.ok()) return updated.error();
    }
  }
  persist_everything();
  return Done{};
}

}  // namespace feishu_emulator
