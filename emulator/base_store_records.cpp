// base_store_records.cpp: record reads and writes of BaseStore. See base_store.h for the capability list.
#include "base_store.h"

#include "field_values.h"
#include "record_filter.h"

#include <algorithm>

namespace feishu_emulator {
namespace {

// One checked cell of a batch: applied only after the whole batch passed its checks.
struct CheckedCell {
  std::string field_id;
  json value;  // stored shape, null = clear
};

std::string cell_path(size_t i, const std::string& name) {
  return "records[" + std::to_string(i) + "].fields." + name;
}

// A batch is a non-empty array of at most `max_batch` records (1254104 beyond, §3).
Expected<Done> check_batch_size(const json& records, size_t max_batch) {
  if (!records.is_array() || records.empty()) return err_wrong_body("records must be a non-empty array");
  if (records.size() > max_batch)
    return err_batch_too_big("at most " + std::to_string(max_batch) + " records per call, got " +
                             std::to_string(records.size()));
  return Done{};
}

// Whether a link cell may point at `record_id` of `table_id` in this Base.
LinkTargetExists link_target_exists(const App& app) {
  return [&app](const std::string& tid, const std::string& rid) {
    auto it = app.tables.find(tid);
    return it != app.tables.end() && it->second.records.count(rid) > 0;
  };
}

// Checks every cell record `i` of a batch writes (field names exist, values convert) into `out`,
// without applying anything: batch_create and batch_update are all-or-nothing.
Expected<Done> check_written_cells(const Table& t, size_t i, const json& record, const LinkTargetExists& exists,
                                   std::vector<CheckedCell>& out) {
  const json written = record.value("fields", json::object());  // named: items() must not outlive it
  for (const auto& [name, value] : written.items()) {
    const FieldDef* f = t.field_by_name(name);
    if (!f) return err_field_name_not_found("Invalid request parameter: '" + cell_path(i, name) +
                                            "'. Correct format : field_name not found.");
    auto v = to_stored_value(*f, value, exists, cell_path(i, name));
    if (!v.ok()) return v.error();
    out.push_back({f->id, v.value()});
  }
  return Done{};
}

json item_json(const Table& t, const Record& r, const std::vector<const FieldDef*>& projection, bool automatic) {
  json fields = json::object();
  for (const FieldDef* f : projection) {
    json v = to_read_value(*f, r);
    if (!v.is_null()) fields[f->name] = std::move(v);  // empty fields are omitted (§5, FAQ #5)
  }
  json item = {{"record_id", r.id}, {"fields", std::move(fields)}};
  if (automatic) {
    item["created_time"] = r.created_ms;
    item["last_modified_time"] = r.modified_ms;
  }
  (void)t;
  return item;
}

}  // namespace

void BaseStore::set_link_cell(App& app, Table& t, Record& r, const FieldDef& f, const json& ids, Changes& ch) {
  const json old = r.values.count(f.id) ? r.values[f.id] : json::array();
  if (ids.is_null()) r.values.erase(f.id); else r.values[f.id] = ids;
  ch.upserts.insert({app.token, t.id, r.id});
  if (f.type != kDuplexLink) return;
  // Duplex: mirror the change on the back field of each linked record at once (§ Decisions).
  Table& other = app.tables.at(f.link_table());
  const std::string back_id = f.property.value("back_field_id", "");
  const json now_ids = ids.is_null() ? json::array() : ids;
  auto contains = [](const json& arr, const std::string& id) {
    return std::find(arr.begin(), arr.end(), json(id)) != arr.end();
  };
  const int64_t now = options_.now_ms();
  for (const auto& id : old) {
    if (contains(now_ids, id.get<std::string>())) continue;
    auto it = other.records.find(id.get<std::string>());
    if (it == other.records.end() || !it->second.values.count(back_id)) continue;
    json& back = it->second.values[back_id];
    back.erase(std::remove(back.begin(), back.end(), json(r.id)), back.end());
    if (back.empty()) it->second.values.erase(back_id);
    it->second.modified_ms = now;
    ch.upserts.insert({app.token, other.id, it->first});
  }
  for (const auto& id : now_ids) {
    if (contains(old, id.get<std::string>())) continue;
    auto it = other.records.find(id.get<std::string>());
    if (it == other.records.end()) continue;
    json& back = it->second.values[back_id];
    if (!back.is_array()) back = json::array();
    if (!contains(back, r.id)) back.push_back(r.id);
    it->second.modified_ms = now;
    ch.upserts.insert({app.token, other.id, it->first});
  }
}

Expected<json> BaseStore::create_records(const std::string& app, const std::string& table, const json& records) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  Changes ch;
  auto out = create_records_locked(apps_.at(app), *t.value(), records, {}, ch);
  if (out.ok()) persist(ch);
  return out;
}

Expected<json> BaseStore::create_records_locked(App& app, Table& t, const json& records,
                                                const std::vector<std::string>& fixed_ids, Changes& ch) {
  auto shape = check_batch_size(records, options_.max_batch);
  if (!shape.ok()) return shape.error();
  const LinkTargetExists exists = link_target_exists(app);
  std::vector<std::vector<CheckedCell>> checked(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const json& rec = records[i];
    if (!rec.is_object() || (rec.contains("fields") && !rec["fields"].is_object()))
      return err_wrong_body("records[" + std::to_string(i) + "].fields must be an object");
    auto cells = check_written_cells(t, i, rec, exists, checked[i]);
    if (!cells.ok()) return cells.error();
  }
  const int64_t now = options_.now_ms();
  json out = json::array();
  for (size_t i = 0; i < records.size(); ++i) {
    std::string id = i < fixed_ids.size() ? fixed_ids[i] : "";
    while (id.empty() || t.records.count(id)) id = new_id("rec", 11);
    Record& r = t.records[id];
    r.id = id;
    r.seq = t.next_seq++;
    r.created_ms = r.modified_ms = now;
    t.order[r.seq] = id;
    ch.upserts.insert({app.token, t.id, id});
    for (const auto& cell : checked[i]) {
      FieldDef& f = *t.field_by_id(cell.field_id);
      if (cell.value.is_null()) continue;
      if (f.is_link()) {
        set_link_cell(app, t, r, f, cell.value, ch);
      } else {
        ensure_options(app, t, f, cell.value, ch);
        r.values[f.id] = cell.value;
      }
    }
    // The response echoes the written values (write shape), not the read shape (§3.4).
    out.push_back({{"record_id", id}, {"fields", records[i].value("fields", json::object())}});
  }
  return json{{"records", out}};
}

Expected<json> BaseStore::update_records(const std::string& app, const std::string& table, const json& records) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  Changes ch;
  auto out = update_records_locked(apps_.at(app), *t.value(), records, ch);
  if (out.ok()) persist(ch);
  return out;
}

Expected<json> BaseStore::update_records_locked(App& app, Table& t, const json& records, Changes& ch) {
  auto shape = check_batch_size(records, options_.max_batch);
  if (!shape.ok()) return shape.error();
  const LinkTargetExists exists = link_target_exists(app);
  std::vector<std::vector<CheckedCell>> checked(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const json& rec = records[i];
    if (!rec.is_object() || !rec.contains("record_id") || !rec["record_id"].is_string() ||
        (rec.contains("fields") && !rec["fields"].is_object()))
      return err_wrong_body("records[" + std::to_string(i) + "] needs record_id and fields");
    const std::string rid = rec["record_id"].get<std::string>();
    if (!t.records.count(rid)) return err_record_not_found("record_id '" + rid + "' not found");
    auto cells = check_written_cells(t, i, rec, exists, checked[i]);
    if (!cells.ok()) return cells.error();
  }
  const int64_t now = options_.now_ms();
  json out = json::array();
  for (size_t i = 0; i < records.size(); ++i) {
    Record& r = t.records.at(records[i]["record_id"].get<std::string>());
    r.modified_ms = now;
    ch.upserts.insert({app.token, t.id, r.id});
    for (const auto& cell : checked[i]) {  // incremental: only the fields sent change (§3.5)
      FieldDef& f = *t.field_by_id(cell.field_id);
      if (f.is_link()) {
        set_link_cell(app, t, r, f, cell.value, ch);
      } else if (cell.value.is_null()) {
        r.values.erase(f.id);
      } else {
        ensure_options(app, t, f, cell.value, ch);
        r.values[f.id] = cell.value;
      }
    }
    out.push_back({{"record_id", r.id}, {"fields", records[i].value("fields", json::object())}});
  }
  return json{{"records", out}};
}

Expected<json> BaseStore::delete_records(const std::string& app, const std::string& table, const json& ids) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  if (!ids.is_array() || ids.empty()) return err_wrong_body("records must be a non-empty array of record_id strings");
  // batch_delete is limited to 500 on both Feishu and Lark (§3), whatever --max-batch says.
  if (ids.size() > 500) return err_batch_too_big("at most 500 records per batch_delete");
  std::set<std::string> doomed;
  for (const auto& id : ids) {
    if (!id.is_string()) return err_wrong_body("records must be record_id strings");
    if (!t.value()->records.count(id.get<std::string>()))
      return err_record_not_found("record_id '" + id.get<std::string>() + "' not found");
    doomed.insert(id.get<std::string>());
  }
  App& a = apps_.at(app);
  Changes ch;
  const int64_t now = options_.now_ms();
  // Remove the deleted ids from every link cell (single or duplex, any table) that pointed at them.
  // Back fields of duplex links point at this table too, so this one pass also clears them.
  for (auto& [tid, other] : a.tables)
    for (const auto& f : other.fields) {
      if (!f.is_link() || f.link_table() != table) continue;
      for (auto& [rid, r] : other.records) {
        auto it = r.values.find(f.id);
        if (it == r.values.end() || doomed.count(rid)) continue;
        json& cell = it->second;
        const size_t before = cell.size();
        cell.erase(std::remove_if(cell.begin(), cell.end(), [&](const json& x) { return doomed.count(x.get<std::string>()) > 0; }),
                   cell.end());
        if (cell.size() == before) continue;
        if (cell.empty()) r.values.erase(it);
        r.modified_ms = now;
        ch.upserts.insert({app, tid, rid});
      }
    }
  json out = json::array();
  for (const auto& id : ids) {
    const std::string rid = id.get<std::string>();
    auto it = t.value()->records.find(rid);
    if (it == t.value()->records.end()) continue;  // listed twice
    t.value()->order.erase(it->second.seq);
    t.value()->records.erase(it);
    ch.upserts.erase({app, table, rid});
    ch.deletes.insert({app, table, rid});
    out.push_back({{"deleted", true}, {"record_id", rid}});
  }
  persist(ch);
  return json{{"records", out}};
}

Expected<json> BaseStore::search(const std::string& app, const std::string& table, const json& body, int page_size,
                                 const std::string& page_token) {
  std::lock_guard<std::mutex> lock(mu_);
  auto tr = find_table(app, table);
  if (!tr.ok()) return tr.error();
  const Table& t = *tr.value();
  if (page_size <= 0) return err_page_size("page_size must be greater than 0");
  if (page_size > 500) return err_wrong_body("page_size must be at most 500");
  size_t offset = 0;
  if (!page_token.empty() && !decode_page_token(page_token, offset))
    return err_page_token("page_token '" + page_token + "' is invalid");
  std::vector<const FieldDef*> projection;
  if (body.contains("field_names") && !body["field_names"].is_null()) {
    const json& names = body["field_names"];
    if (!names.is_array() || names.size() > 200) return err_invalid_field_names("field_names must be a string array (≤ 200)");
    for (const auto& n : names) {
      if (!n.is_string()) return err_invalid_field_names("field_names must be a string array");
      const FieldDef* f = t.field_by_name(n.get<std::string>());
      if (!f) return err_field_name_not_found("field_names: '" + n.get<std::string>() + "' not found");
      projection.push_back(f);
    }
  } else {
    for (const auto& f : t.fields) projection.push_back(&f);
  }
  if (body.contains("automatic_fields") && !body["automatic_fields"].is_boolean())
    return err_wrong_body("automatic_fields must be a boolean");
  auto filter = RecordFilter::compile(body.value("filter", json()), t, options_.time_zone, options_.now_ms());
  if (!filter.ok()) return filter.error();
  auto sort = compile_sort(body.value("sort", json()), t);
  if (!sort.ok()) return sort.error();
  std::vector<const Record*> rows;
  for (const auto& [seq, rid] : t.order) {
    const Record& r = t.records.at(rid);
    if (filter.value().matches(r)) rows.push_back(&r);
  }
  sort_records(rows, sort.value());
  const bool automatic = body.value("automatic_fields", false);
  json items = json::array();
  const size_t end = std::min(rows.size(), offset + static_cast<size_t>(page_size));
  for (size_t i = offset; i < end; ++i) items.push_back(item_json(t, *rows[i], projection, automatic));
  json data = {{"items", items}, {"has_more", end < rows.size()}, {"total", rows.size()}};
  if (end < rows.size()) data["page_token"] = encode_page_token(end);  // only when has_more (§3.1)
  return data;
}

Expected<json> BaseStore::batch_get(const std::string& app, const std::string& table, const json& body) {
  std::lock_guard<std::mutex> lock(mu_);
  auto tr = find_table(app, table);
  if (!tr.ok()) return tr.error();
  const Table& t = *tr.value();
  const json ids = body.value("record_ids", json());
  if (!ids.is_array() || ids.empty() || ids.size() > 100)
    return err_wrong_body("record_ids must be an array of 1 to 100 record_id strings");
  std::vector<const FieldDef*> projection;
  for (const auto& f : t.fields) projection.push_back(&f);
  json records = json::array(), absent = json::array();
  for (const auto& id : ids) {
    if (!id.is_string()) return err_wrong_body("record_ids must be strings");
    auto it = t.records.find(id.get<std::string>());
    if (it == t.records.end()) absent.push_back(id);
    else records.push_back(item_json(t, it->second, projection, body.value("automatic_fields", false)));
  }
  return json{{"records", records}, {"absent_record_ids", absent}, {"forbidden_record_ids", json::array()}};
}

}  // namespace feishu_emulator
