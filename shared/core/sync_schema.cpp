// sync_schema.cpp — see sync_schema.h.
#include "core/sync_schema.h"

namespace ss {
namespace {

using nlohmann::json;

bool read_string(const json& obj, const char* key, std::string& out, std::string& problem) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    problem = std::string("“") + key + "”应为非空字符串";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

}  // namespace

nlohmann::json schema_to_json(const SyncSchema& s) {
  return json{{"students",
               {{"user_id", s.students.user_id},
                {"nickname", s.students.nickname},
                {"phone", s.students.phone},
                {"records_link", s.students.records_link}}},
              {"records",
               {{"user_id", s.records.user_id},
                {"course", s.records.course},
                {"date", s.records.date},
                {"student_link", s.records.student_link}}},
              {"phone_field_type", s.phone_field_type},
              {"utc_offset_minutes", s.utc_offset_minutes},
              {"batch_size", s.batch_size}};
}

Result<SyncSchema> schema_from_json(const nlohmann::json& j) {
  SyncSchema s;
  std::string problem;
  const auto bad = [&]() { return Error{kErrBadJson, "同步设置格式不对：" + problem}; };
  if (!j.is_object()) {
    problem = "应为 JSON 对象";
    return bad();
  }
  if (auto it = j.find("students"); it != j.end() && it->is_object()) {
    if (!read_string(*it, "user_id", s.students.user_id, problem) ||
        !read_string(*it, "nickname", s.students.nickname, problem) ||
        !read_string(*it, "phone", s.students.phone, problem) ||
        !read_string(*it, "records_link", s.students.records_link, problem)) {
      return bad();
    }
  }
  if (auto it = j.find("records"); it != j.end() && it->is_object()) {
    if (!read_string(*it, "user_id", s.records.user_id, problem) ||
        !read_string(*it, "course", s.records.course, problem) ||
        !read_string(*it, "date", s.records.date, problem) ||
        !read_string(*it, "student_link", s.records.student_link, problem)) {
      return bad();
    }
  }
  if (auto it = j.find("phone_field_type"); it != j.end()) {
    if (!it->is_number_integer() || (it->get<int>() != kFieldPhone && it->get<int>() != kFieldText)) {
      problem = "phone_field_type 只能是 13（电话）或 1（文本）";
      return bad();
    }
    s.phone_field_type = it->get<int>();
  }
  if (auto it = j.find("utc_offset_minutes"); it != j.end()) {
    if (!it->is_number_integer() || it->get<int>() < -14 * 60 || it->get<int>() > 14 * 60) {
      problem = "utc_offset_minutes 应为 -840 到 840 之间的整数";
      return bad();
    }
    s.utc_offset_minutes = it->get<int>();
  }
  if (auto it = j.find("batch_size"); it != j.end()) {
    if (!it->is_number_integer() || it->get<long long>() <= 0 || it->get<long long>() > 1000) {
      problem = "batch_size 应为 1 到 1000 之间的整数";
      return bad();
    }
    s.batch_size = it->get<size_t>();
  }
  return s;
}

}  // namespace ss
