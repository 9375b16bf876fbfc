// base_model.h: the in-memory shape of a Base (app → tables → fields, records).
//
// Implemented:
//  [X] Field definitions with Feishu's type codes and `property` kept as JSON (options, link target,
//      back field), records with values keyed by field_id in WRITE shape (plain strings, ms numbers,
//      arrays of record_id strings), creation order kept for a stable default search order.
// Missing:
//  [ ] Views, forms, dashboards, roles: not modelled (the sync does not use them).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace feishu_emulator {

using nlohmann::json;

// Type codes from feishu-bitable-api.md §5.
enum FieldType : int {
  kText = 1,
  kNumber = 2,
  kSingleSelect = 3,
  kMultiSelect = 4,
  kDateTime = 5,
  kCheckbox = 7,
  kPhone = 13,
  kUrl = 15,
  kSingleLink = 18,
  kDuplexLink = 21,
  kCreatedTime = 1001,
  kModifiedTime = 1002,
};

struct FieldDef {
  std::string id;
  std::string name;
  int type = kText;
  json property = nullptr;  // Feishu's `property`: options, or {table_id, back_field_id, ...} for links
  bool is_primary = false;

  bool is_link() const { return type == kSingleLink || type == kDuplexLink; }
  std::string link_table() const { return property.is_object() ? property.value("table_id", "") : ""; }
};

struct Record {
  std::string id;
  uint64_t seq = 0;  // creation order: the default search order
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
  std::map<std::string, json> values;  // field_id -> stored write-shape value (never null: null clears)
};

struct Table {
  std::string id;
  std::string name;
  int64_t revision = 1;
  std::vector<FieldDef> fields;
  std::unordered_map<std::string, Record> records;
  std::map<uint64_t, std::string> order;  // seq -> record_id
  uint64_t next_seq = 1;

  const FieldDef* field_by_name(const std::string& name) const {
    for (const auto& f : fields)
      if (f.name == name) return &f;
    return nullptr;
  }
  FieldDef* field_by_id(const std::string& id) {
    for (auto& f : fields)
      if (f.id == id) return &f;
    return nullptr;
  }
};

struct App {
  std::string token;
  std::string name;
  std::vector<std::string> table_order;
  std::unordered_map<std::string, Table> tables;
};

}  // namespace feishu_emulator
