// base_store.cpp: apps, tables, fields, paging and the admin view. Records live in base_store_records.cpp.
// See base_store.h for the capability list.
#include "base_store.h"

#include "field_values.h"
#include "sqlite_persistence.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace feishu_emulator {
namespace {

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const std::string& in) {
  std::string out;
  unsigned val = 0;
  int bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kB64[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kB64[((val << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

std::string unbase64(const std::string& in) {
  std::string out;
  unsigned val = 0;
  int bits = -8;
  for (char c : in) {
    const char* p = std::strchr(kB64, c);
    if (c == '=' || !p || !*p) break;
    val = (val << 6) + static_cast<unsigned>(p - kB64);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

BaseStore::BaseStore(StoreOptions options) : options_(std::move(options)), rng_(std::random_device{}()) {
  if (!options_.now_ms) options_.now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

BaseStore::~BaseStore() = default;

std::string BaseStore::encode_page_token(size_t offset) { return base64("feishu-emulator:" + std::to_string(offset)); }

bool BaseStore::decode_page_token(const std::string& token, size_t& offset) {
  const std::string raw = unbase64(token);
  const std::string prefix = "feishu-emulator:";
  if (raw.rfind(prefix, 0) != 0 || raw.size() == prefix.size() || raw.size() > prefix.size() + 12) return false;
  for (size_t i = prefix.size(); i < raw.size(); ++i)
    if (raw[i] < '0' || raw[i] > '9') return false;
  offset = std::stoull(raw.substr(prefix.size()));
  return true;
}

Expected<App*> BaseStore::find_app(const std::string& app) {
  auto it = apps_.find(app);
  if (it == apps_.end()) return err_app_not_found("app_token '" + app + "' not found");
  return &it->second;
}

Expected<Table*> BaseStore::find_table(const std::string& app, const std::string& table) {
  auto a = find_app(app);
  if (!a.ok()) return a.error();
  auto it = a.value()->tables.find(table);
  if (it == a.value()->tables.end()) return err_table_not_found("table_id '" + table + "' not found");
  return &it->second;
}

Expected<Done> BaseStore::check_table(const std::string& app, const std::string& table) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  return Done{};
}

std::string BaseStore::new_id(const std::string& prefix, size_t length) {
  static const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string id = prefix;
  for (size_t i = 0; i < length; ++i) id.push_back(kAlnum[rng_() % 62]);
  return id;
}

json BaseStore::field_json(const App& app, const FieldDef& f) const {
  json property = f.property;
  if (f.is_link() && property.is_object()) {
    auto it = app.tables.find(f.link_table());
    if (it != app.tables.end()) property["table_name"] = it->second.name;
  }
  return json{{"field_id", f.id}, {"field_name", f.name},  {"type", f.type},
              {"ui_type", ui_type_name(f.type)}, {"is_primary", f.is_primary}, {"property", property}};
}

// Pages over a list: items [offset, offset+page_size), with has_more/page_token/total (§3.1, §11.7).
static Expected<json> page_of(const json& all, int page_size, int max_page, const std::string& page_token) {
  if (page_size <= 0) return err_page_size("page_size must be greater than 0");
  if (page_size > max_page) return err_wrong_body("page_size must be at most " + std::to_string(max_page));
  size_t offset = 0;
  if (!page_token.empty() && !BaseStore::decode_page_token(page_token, offset))
    return err_page_token("page_token '" + page_token + "' is invalid");
  json data = {{"items", json::array()}, {"total", all.size()}};
  const size_t end = std::min(all.size(), offset + static_cast<size_t>(page_size));
  for (size_t i = offset; i < end; ++i) data["items"].push_back(all[i]);
  data["has_more"] = end < all.size();
  if (end < all.size()) data["page_token"] = BaseStore::encode_page_token(end);
  return data;
}

Expected<json> BaseStore::list_tables(const std::string& app, int page_size, const std::string& page_token) {
  std::lock_guard<std::mutex> lock(mu_);
  auto a = find_app(app);
  if (!a.ok()) return a.error();
  json all = json::array();
  for (const auto& id : a.value()->table_order) {
    const Table& t = a.value()->tables.at(id);
    all.push_back({{"table_id", t.id}, {"revision", t.revision}, {"name", t.name}});
  }
  return page_of(all, page_size, 100, page_token);
}

Expected<Table*> BaseStore::add_table(App& app, const std::string& raw_name, const std::string& fixed_id, Changes& ch) {
  const std::string name = trim(raw_name);
  if (name.empty()) return err_wrong_body("table.name is required");
  for (const auto& [id, t] : app.tables)
    if (t.name == name) return err_table_name_dup("table name '" + name + "' already exists");
  if (app.tables.size() >= 100) return bad_request(1254100, "TableExceedLimit", "at most 100 tables per Base");
  std::string id = fixed_id;
  while (id.empty() || app.tables.count(id)) id = new_id("tbl", 13);
  Table& t = app.tables[id];
  t.id = id;
  t.name = name;
  app.table_order.push_back(id);
  ch.tables.insert({app.token, id});
  return &t;
}

Expected<json> BaseStore::create_table(const std::string& app, const json& body) {
  std::lock_guard<std::mutex> lock(mu_);
  auto a = find_app(app);
  if (!a.ok()) return a.error();
  const json table = body.value("table", json());
  if (!table.is_object() || !table.contains("name") || !table["name"].is_string())
    return err_wrong_body("body.table.name is required");
  json fields = table.value("fields", json::array());
  if (!fields.is_array()) return err_wrong_body("table.fields must be an array");
  // Check every field spec before creating anything, so a bad spec leaves no half-made table.
  std::set<std::string> names;
  for (const auto& f : fields) {
    if (!f.is_object() || !f.contains("field_name") || !f["field_name"].is_string() || !f.contains("type") ||
        !f["type"].is_number_integer())
      return err_wrong_body("each table.fields entry needs field_name and type");
    if (!is_supported_field_type(f["type"].get<int>()))
      return err_not_supported("field type " + std::to_string(f["type"].get<int>()) + " not supported");
    if (!names.insert(trim(f["field_name"].get<std::string>())).second)
      return err_field_name_dup("duplicate field_name '" + f["field_name"].get<std::string>() + "'");
    if (f["type"].get<int>() == kSingleLink || f["type"].get<int>() == kDuplexLink) {
      const std::string target = f.value("property", json::object()).value("table_id", "");
      if (!a.value()->tables.count(target)) return err_table_not_found("link target table '" + target + "' not found");
    }
  }
  // A new Feishu table always has a primary field; "文本" stands in for the UI's default one.
  if (fields.empty()) fields.push_back({{"field_name", "文本"}, {"type", kText}});
  Changes ch;
  auto t = add_table(*a.value(), table["name"].get<std::string>(), "", ch);
  if (!t.ok()) return t.error();
  json ids = json::array();
  for (const auto& f : fields) {
    auto added = add_field(*a.value(), *t.value(), f, "", ch);
    if (!added.ok()) return added.error();  // unreachable after the checks above, kept for safety
    ids.push_back(added.value()->id);
  }
  persist(ch);
  return json{{"table_id", t.value()->id}, {"default_view_id", new_id("vew", 7)}, {"field_id_list", ids}};
}

Expected<json> BaseStore::list_fields(const std::string& app, const std::string& table, int page_size,
                                      const std::string& page_token) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  json all = json::array();
  for (const auto& f : t.value()->fields) all.push_back(field_json(apps_.at(app), f));
  return page_of(all, page_size, 100, page_token);  // fields list page_size ≤ 100 (§6.1)
}

Expected<FieldDef*> BaseStore::add_field(App& app, Table& t, const json& spec, const std::string& fixed_id,
                                         Changes& ch) {
  if (!spec.is_object() || !spec.contains("field_name") || !spec["field_name"].is_string() || !spec.contains("type") ||
      !spec["type"].is_number_integer())
    return err_wrong_body("field_name and type are required");
  const std::string name = trim(spec["field_name"].get<std::string>());  // trimmed at creation (§9.6)
  const int type = spec["type"].get<int>();
  if (name.empty()) return err_wrong_body("field_name must not be empty");
  if (t.field_by_name(name)) return err_field_name_dup("field name '" + name + "' already exists");
  if (!is_supported_field_type(type)) return err_not_supported("field type " + std::to_string(type) + " not supported");
  if (t.fields.size() >= 300) return bad_request(1254105, "ColumnExceedLimit", "at most 300 fields per table");
  const json in_prop = spec.value("property", json());
  FieldDef f;
  f.name = name;
  f.type = type;
  f.is_primary = t.fields.empty();
  f.id = fixed_id;
  while (f.id.empty() || t.field_by_id(f.id)) f.id = new_id("fld", 7);
  if (type == kSingleSelect || type == kMultiSelect) {
    f.property = {{"options", json::array()}};
    if (in_prop.is_object() && in_prop.contains("options") && in_prop["options"].is_array())
      for (const auto& o : in_prop["options"])
        if (o.is_object() && o.contains("name") && o["name"].is_string())
          f.property["options"].push_back(
              {{"id", new_id("opt", 7)}, {"name", o["name"]}, {"color", f.property["options"].size() % 55}});
  }
  Table* target = nullptr;
  if (f.is_link()) {
    const std::string target_id = in_prop.is_object() ? in_prop.value("table_id", "") : "";
    auto it = app.tables.find(target_id);
    if (it == app.tables.end()) return err_table_not_found("link target table '" + target_id + "' not found");
    target = &it->second;
    f.property = {{"table_id", target_id}, {"multiple", in_prop.value("multiple", true)}};
  }
  if (type == kDuplexLink) {
    // The back field is created in the other table at once (§5 link semantics). Its default name is
    // the source table's name, numbered if that name is taken.
    std::string back_name = trim(in_prop.value("back_field_name", ""));
    if (!back_name.empty() && target->field_by_name(back_name) && !(target == &t && back_name == name))
      return err_field_name_dup("back field name '" + back_name + "' already exists in the linked table");
    if (back_name.empty()) {
      back_name = t.name;
      for (int n = 2; target->field_by_name(back_name) || (target == &t && back_name == name); ++n)
        back_name = t.name + std::to_string(n);
    }
    FieldDef back;
    back.name = back_name;
    back.type = kDuplexLink;
    back.id = in_prop.value("back_field_id", "");
    while (back.id.empty() || target->field_by_id(back.id) || back.id == f.id) back.id = new_id("fld", 7);
    back.property = {{"table_id", t.id}, {"multiple", true}, {"back_field_id", f.id}, {"back_field_name", f.name}};
    f.property["back_field_id"] = back.id;
    f.property["back_field_name"] = back.name;
    t.fields.push_back(f);
    target->fields.push_back(back);
    ++target->revision;
    ch.tables.insert({app.token, target->id});
  } else {
    t.fields.push_back(f);
  }
  ++t.revision;
  ch.tables.insert({app.token, t.id});
  return t.field_by_id(f.id);
}

Expected<json> BaseStore::create_field(const std::string& app, const std::string& table, const json& body) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  Changes ch;
  auto f = add_field(apps_.at(app), *t.value(), body, "", ch);
  if (!f.ok()) return f.error();
  persist(ch);
  return json{{"field", field_json(apps_.at(app), *f.value())}};
}

void BaseStore::ensure_options(App& app, Table& t, FieldDef& f, const json& value, Changes& ch) {
  // Writing an unknown option name creates the option (§5, §9.5).
  if (f.type != kSingleSelect && f.type != kMultiSelect) return;
  if (!f.property.is_object()) f.property = {{"options", json::array()}};
  json& options = f.property["options"];
  const json names = value.is_array() ? value : json::array({value});
  for (const auto& n : names) {
    if (!n.is_string()) continue;
    bool found = false;
    for (const auto& o : options) found = found || o.value("name", "") == n.get<std::string>();
    if (!found) {
      options.push_back({{"id", new_id("opt", 7)}, {"name", n}, {"color", options.size() % 55}});
      ch.tables.insert({app.token, t.id});
    }
  }
}

Expected<json> BaseStore::admin_tables(const std::string& app) {
  std::lock_guard<std::mutex> lock(mu_);
  auto a = find_app(app);
  if (!a.ok()) return a.error();
  json items = json::array();
  for (const auto& id : a.value()->table_order) {
    const Table& t = a.value()->tables.at(id);
    json fields = json::array();
    for (const auto& f : t.fields) fields.push_back(field_json(*a.value(), f));
    items.push_back({{"table_id", t.id}, {"name", t.name}, {"revision", t.revision},
                     {"record_count", t.records.size()}, {"fields", fields}});
  }
  return json{{"app_token", app}, {"tables", items}};
}

Expected<json> BaseStore::admin_records(const std::string& app, const std::string& table) {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = find_table(app, table);
  if (!t.ok()) return t.error();
  json fields = json::array(), records = json::array();
  for (const auto& f : t.value()->fields) fields.push_back(field_json(apps_.at(app), f));
  for (const auto& [seq, rid] : t.value()->order) {
    const Record& r = t.value()->records.at(rid);
    json values = json::object();
    for (const auto& f : t.value()->fields) {
      json v = to_write_value(f, r);
      if (!v.is_null()) values[f.name] = v;
    }
    records.push_back({{"record_id", rid}, {"created_time", r.created_ms}, {"last_modified_time", r.modified_ms},
                       {"fields", values}});
  }
  return json{{"app_token", app}, {"table_id", table}, {"name", t.value()->name}, {"fields", fields},
              {"records", records}};
}

Expected<Done> BaseStore::attach_database(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto db = SqlitePersistence::open(path);
  if (!db.ok()) return db.error();
  db_ = std::move(db.value());
  auto loaded = db_->load(apps_);
  if (!loaded.ok()) return loaded.error();
  return Done{};
}

void BaseStore::persist(const Changes& ch) {
  if (!db_) return;
  auto r = db_->save(apps_, ch.tables, ch.upserts, ch.deletes);
  // The change is already visible to clients; a failing disk is reported, not hidden.
  if (!r.ok()) std::fprintf(stderr, "feishu-emulator: SQLite write failed: %s\n", r.error().message.c_str());
}

void BaseStore::persist_everything() {
  if (!db_) return;
  Changes ch;
  for (const auto& [token, app] : apps_)
    for (const auto& [tid, t] : app.tables) {
      ch.tables.insert({token, tid});
      for (const auto& [rid, r] : t.records) ch.upserts.insert({token, tid, rid});
    }
  persist(ch);
}

}  // namespace feishu_emulator
