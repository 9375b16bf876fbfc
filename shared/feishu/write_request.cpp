// write_request.cpp — see write_request.h.
#include "feishu/write_request.h"

#include <algorithm>

#include "feishu/feishu_envelope.h"
#include "normalize/date_parser.h"
#include "normalize/phone_normalizer.h"

namespace ss {

using nlohmann::json;

std::vector<IndexRange> split_batches(size_t count, size_t batch_size) {
  if (batch_size == 0) batch_size = kDefaultBatchSize;
  std::vector<IndexRange> out;
  for (size_t b = 0; b < count; b += batch_size) out.push_back({b, std::min(count, b + batch_size)});
  return out;
}

nlohmann::json student_create_fields(const StudentCreate& s, Span<ExtraCell> extras, const SyncSchema& schema) {
  json fields = json::object();
  fields[schema.students.user_id] = s.user_id();
  if (!s.nickname().empty()) fields[schema.students.nickname] = s.nickname();
  // A type-13 field rejects anything but (\+)?\d* with 1254072 for the whole batch: never send it.
  if (!s.phone().empty() && (schema.phone_field_type != kFieldPhone || is_phone_field_value(s.phone()))) {
    fields[schema.students.phone] = s.phone();
  }
  for (const auto& e : extras) fields[e.field] = e.value;
  return fields;
}

nlohmann::json record_create_fields(const RecordCreate& r, Span<ExtraCell> extras, const std::string& student_record_id,
                                    const SyncSchema& schema) {
  json fields = json::object();
  fields[schema.records.user_id] = r.user_id();
  fields[schema.records.course] = r.course();
  fields[schema.records.date] = day_midnight_ms(r.day, schema.utc_offset_minutes);
  fields[schema.records.student_link] = json::array({student_record_id});
  for (const auto& e : extras) fields[e.field] = e.value;
  return fields;
}

nlohmann::json student_create_body(const Plan& plan, IndexRange range, const SyncSchema& schema) {
  json records = json::array();
  for (size_t i = range.begin; i < range.end && i < plan.student_creates.size(); ++i) {
    records.push_back({{"fields", student_create_fields(plan.student_creates[i], plan.extras(plan.student_creates[i]), schema)}});
  }
  return json{{"records", std::move(records)}};
}

nlohmann::json student_update_body(const Plan& plan, IndexRange range, const SyncSchema& schema) {
  json records = json::array();
  for (size_t i = range.begin; i < range.end && i < plan.student_updates.size(); ++i) {
    const StudentUpdate& u = plan.student_updates[i];
    json fields = json::object();
    for (const auto& c : u.changes) {
      if (c.field == schema.students.phone && schema.phone_field_type == kFieldPhone && c.new_value.is_string() &&
          !is_phone_field_value(c.new_value.get_ref<const std::string&>())) {
        continue;
      }
      fields[c.field] = c.new_value;
    }
    records.push_back({{"record_id", u.record_id}, {"fields", std::move(fields)}});
  }
  return json{{"records", std::move(records)}};
}

std::optional<std::string> resolve_student_link(const StudentLink& link, const std::vector<std::string>& created) {
  if (!link.is_planned()) {
    if (link.record_id().empty()) return std::nullopt;
    return std::string(link.record_id());
  }
  const auto i = static_cast<size_t>(link.planned_student());
  if (i >= created.size() || created[i].empty()) return std::nullopt;
  return created[i];
}

RecordPartition partition_records(const Plan& plan, const std::vector<std::string>& created) {
  RecordPartition p;
  for (size_t i = 0; i < plan.record_creates.size(); ++i) {
    (resolve_student_link(plan.record_creates[i].student, created) ? p.ready : p.blocked).push_back(i);
  }
  return p;
}

Result<nlohmann::json> record_create_body(const Plan& plan, const std::vector<size_t>& items,
                                          const std::vector<std::string>& created, const SyncSchema& schema) {
  json records = json::array();
  for (size_t i : items) {
    if (i >= plan.record_creates.size()) return Error{kErrMissingValue, "学习记录编号超出计划范围"};
    const RecordCreate& r = plan.record_creates[i];
    auto student = resolve_student_link(r.student, created);
    if (!student) {
      return Error{kErrMissingValue, "第" + std::to_string(r.line) + "行的学员（" + std::string(r.user_id()) + "）还没有在学员总表里创建，不能写入学习记录"};
    }
    records.push_back({{"fields", record_create_fields(r, plan.extras(r), *student, schema)}});
  }
  return json{{"records", std::move(records)}};
}

Result<std::vector<std::string>> parse_batch_create_response(std::string_view body, size_t expected_count) {
  auto data = parse_feishu_envelope(body);
  if (!data) return data.error();
  auto records = data->find("records");
  if (records == data->end() || !records->is_array()) return Error{kErrBadJson, "batch_create 的返回里没有 records"};
  std::vector<std::string> ids;
  for (const auto& r : *records) {
    auto id = r.is_object() ? r.find("record_id") : r.end();
    if (!r.is_object() || id == r.end() || !id->is_string()) return Error{kErrBadJson, "batch_create 的返回里有记录缺少 record_id"};
    ids.push_back(id->get<std::string>());
  }
  if (ids.size() != expected_count) {
    return Error{kErrBadJson, "batch_create 返回了 " + std::to_string(ids.size()) + " 条记录，应为 " + std::to_string(expected_count) + " 条"};
  }
  return ids;
}

}  // namespace ss
