// search_request.cpp — see search_request.h.
#include "feishu/search_request.h"

#include <algorithm>

namespace ss {

using nlohmann::json;

namespace {

size_t ceil_div(size_t n, size_t d) { return d == 0 ? n : (n + d - 1) / d; }

const std::string& user_id_field(TableKind table, const SyncSchema& schema) {
  return table == TableKind::kStudents ? schema.students.user_id : schema.records.user_id;
}

}  // namespace

SnapshotReadPlan choose_read_plan(size_t users, size_t students_total, size_t records_total, size_t page_size,
                                  size_t max_conditions) {
  SnapshotReadPlan plan;
  const size_t chunks = ceil_div(users, max_conditions);
  const auto pick = [&](size_t total, size_t filtered_calls) {
    TableReadPlan t;
    if (total == 0 || users == 0) return t;  // nothing to read (the probe said so)
    const size_t scan_calls = ceil_div(total, page_size);
    if (filtered_calls < scan_calls) {
      t.strategy = ReadStrategy::kFilteredSearch;
      t.calls = filtered_calls;
    } else {
      t.strategy = ReadStrategy::kFullScan;
      t.calls = scan_calls;
    }
    return t;
  };
  // Students: a chunk of ≤ 50 ids matches ≤ 50 records, one page.
  plan.students = pick(students_total, chunks);
  // Records: a chunk matches about chunk_users × (records per student) records, never more than the table.
  const size_t per_student = students_total == 0 ? records_total : ceil_div(records_total, students_total);
  size_t record_calls = 0;
  for (size_t c = 0; c < chunks; ++c) {
    const size_t chunk_users = c + 1 < chunks ? max_conditions : users - c * max_conditions;
    const size_t matches = std::min(records_total, chunk_users * per_student);
    record_calls += std::max<size_t>(1, ceil_div(matches, page_size));
  }
  plan.records = pick(records_total, record_calls);
  return plan;
}

std::vector<std::string> snapshot_field_names(TableKind table, const SyncSchema& schema,
                                              const std::vector<ExtraColumn>& extras) {
  std::vector<std::string> names;
  if (table == TableKind::kStudents) {
    names = {schema.students.user_id, schema.students.nickname, schema.students.phone};
  } else {
    names = {schema.records.user_id, schema.records.course, schema.records.date, schema.records.student_link};
  }
  for (const auto& e : extras) {
    if (e.table != table) continue;
    bool present = false;
    for (const auto& n : names) present = present || n == e.field;
    if (!present) names.push_back(e.field);
  }
  return names;
}

nlohmann::json probe_search_body(TableKind table, const SyncSchema& schema) {
  return json{{"field_names", json::array({user_id_field(table, schema)})}, {"automatic_fields", false}};
}

nlohmann::json full_scan_body(TableKind table, const SyncSchema& schema, const std::vector<ExtraColumn>& extras) {
  return json{{"field_names", snapshot_field_names(table, schema, extras)}, {"automatic_fields", false}};
}

std::vector<nlohmann::json> filtered_search_bodies(TableKind table, const std::vector<std::string>& user_ids,
                                                   const SyncSchema& schema, const std::vector<ExtraColumn>& extras,
                                                   size_t max_conditions) {
  std::vector<json> bodies;
  if (max_conditions == 0) max_conditions = kMaxFilterConditions;
  const json names = snapshot_field_names(table, schema, extras);
  const std::string& field = user_id_field(table, schema);
  for (size_t start = 0; start < user_ids.size(); start += max_conditions) {
    json conditions = json::array();
    for (size_t i = start; i < user_ids.size() && i < start + max_conditions; ++i) {
      conditions.push_back({{"field_name", field}, {"operator", "is"}, {"value", json::array({user_ids[i]})}});
    }
    bodies.push_back(json{{"field_names", names},
                          {"filter", {{"conjunction", "or"}, {"conditions", std::move(conditions)}}},
                          {"automatic_fields", false}});
  }
  return bodies;
}

std::string url_encode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string search_query(size_t page_size, const std::string& page_token) {
  std::string q = "?page_size=" + std::to_string(page_size);
  if (!page_token.empty()) q += "&page_token=" + url_encode(page_token);
  return q;
}

}  // namespace ss
