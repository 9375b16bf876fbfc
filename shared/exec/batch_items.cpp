// batch_items.cpp — see batch_items.h.
#include "exec/batch_items.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "feishu/write_request.h"
#include "normalize/date_parser.h"

namespace ss {

using nlohmann::json;

std::vector<std::vector<size_t>> chunk_items(const std::vector<size_t>& items, size_t batch_size) {
  if (batch_size == 0) batch_size = kDefaultBatchSize;
  std::vector<std::vector<size_t>> out;
  for (size_t b = 0; b < items.size(); b += batch_size) {
    out.emplace_back(items.begin() + static_cast<std::ptrdiff_t>(b),
                     items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), b + batch_size)));
  }
  return out;
}

json student_create_body_for(const Plan& plan, const std::vector<size_t>& items, const SyncSchema& schema) {
  json records = json::array();
  for (size_t i : items) records.push_back({{"fields", student_create_fields(plan.student_creates.at(i), plan.extras(plan.student_creates.at(i)), schema)}});
  return json{{"records", std::move(records)}};
}

json student_update_body_for(const Plan& plan, const std::vector<size_t>& items, const SyncSchema& schema) {
  json records = json::array();
  for (size_t i : items) {
    json one = student_update_body(plan, IndexRange{i, i + 1}, schema);
    for (auto& r : one["records"]) records.push_back(std::move(r));
  }
  return json{{"records", std::move(records)}};
}

std::vector<std::string> batch_user_ids(const Plan& plan, TableKind table, const std::vector<size_t>& items) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (size_t i : items) {
    const std::string_view id = table == TableKind::kStudents ? plan.student_creates.at(i).user_id() : plan.record_creates.at(i).user_id();
    if (seen.insert(std::string(id)).second) out.emplace_back(id);
  }
  return out;
}

std::vector<std::string> match_existing_students(const Plan& plan, const std::vector<size_t>& items,
                                                 const std::vector<StudentSnapshot>& found) {
  std::unordered_map<std::string_view, std::string_view> by_user;
  for (const auto& s : found) by_user.emplace(s.user_id, s.record_id);  // first in table order wins, as planning does
  std::vector<std::string> out;
  for (size_t i : items) {
    auto it = by_user.find(plan.student_creates.at(i).user_id());
    out.emplace_back(it == by_user.end() ? std::string_view() : it->second);
  }
  return out;
}

std::vector<std::string> match_existing_records(const Plan& plan, const std::vector<size_t>& items,
                                                const std::vector<RecordSnapshot>& found, const SyncSchema& schema) {
  std::unordered_map<std::string, std::string> by_key;
  for (const auto& r : found) {
    if (!r.date_ms) continue;
    by_key.emplace(r.user_id + '\x1f' + r.course + '\x1f' + std::to_string(local_day_of_ms(*r.date_ms, schema.utc_offset_minutes)),
                   r.record_id);
  }
  std::vector<std::string> out;
  for (size_t i : items) {
    const RecordCreate& c = plan.record_creates.at(i);
    auto it = by_key.find(std::string(c.user_id()) + '\x1f' + std::string(c.course()) + '\x1f' +
                          std::to_string(c.day));
    out.push_back(it == by_key.end() ? std::string() : it->second);
  }
  return out;
}

}  // namespace ss
