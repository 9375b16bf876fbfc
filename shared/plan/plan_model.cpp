// plan_model.cpp — see plan_model.h.
#include "plan/plan_model.h"

#include <unordered_map>

#include "normalize/date_parser.h"

namespace ss {

Snapshot apply_plan(const Snapshot& snapshot, const Plan& plan, const SyncSchema& schema, const std::string& id_prefix) {
  Snapshot out = snapshot;
  size_t counter = 0;
  const auto next_id = [&]() { return id_prefix + std::to_string(++counter); };

  std::vector<std::string> created_ids;
  created_ids.reserve(plan.student_creates.size());
  for (const auto& c : plan.student_creates) {
    StudentSnapshot s;
    s.record_id = next_id();
    s.user_id = c.user_id();
    s.nickname = c.nickname();
    s.phone = c.phone();
    for (const ExtraCell& e : plan.extras(c)) s.extras.push_back(e);
    created_ids.push_back(s.record_id);
    out.students.push_back(std::move(s));
  }

  std::unordered_map<std::string, size_t> by_id;
  for (size_t i = 0; i < out.students.size(); ++i) by_id.emplace(out.students[i].record_id, i);
  for (const auto& u : plan.student_updates) {
    auto it = by_id.find(u.record_id);
    if (it == by_id.end()) continue;
    StudentSnapshot& s = out.students[it->second];
    for (const auto& change : u.changes) {
      const std::string value = change.new_value.is_string() ? change.new_value.get<std::string>() : std::string();
      if (change.field == schema.students.nickname) {
        s.nickname = value;
      } else if (change.field == schema.students.phone) {
        s.phone = value;
      } else {
        bool replaced = false;
        for (auto& cell : s.extras) {
          if (cell.field == change.field) {
            cell.value = change.new_value;
            replaced = true;
          }
        }
        if (!replaced) s.extras.push_back({change.field, change.new_value});
      }
    }
  }

  for (const auto& c : plan.record_creates) {
    RecordSnapshot r;
    r.record_id = next_id();
    r.user_id = c.user_id();
    r.course = c.course();
    r.date_ms = day_midnight_ms(c.day, schema.utc_offset_minutes);
    r.student_ids.push_back(c.student.is_planned() ? created_ids[c.student.planned_student()] : std::string(c.student.record_id()));
    out.records.push_back(std::move(r));
  }
  return out;
}

}  // namespace ss
