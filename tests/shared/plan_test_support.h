// plan_test_support.h — builders for ImportRows and Snapshots in plan tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text_arena.h"
#include "normalize/date_parser.h"
#include "normalize/import_rows.h"
#include "plan/snapshot.h"

namespace ss::test {

// ImportRow, StudentCreate and RecordCreate hold string_views: text built by a test is copied here,
// where it lives for the whole process (a view into a test's temporary std::string would dangle).
inline std::string_view keep(std::string_view text) {
  static TextArena* arena = new TextArena();  // never destroyed: views may be read by static objects
  return arena->keep(text);
}

inline ImportRow make_row(int line, std::string uid, std::string nick, std::string phone, std::string course,
                          CalendarDate date) {
  ImportRow r;
  r.line = line;
  r.set_user_id(keep(uid));
  r.set_nickname(keep(nick));
  r.set_phone(keep(phone));
  r.set_course(keep(course));
  r.day = static_cast<int32_t>(days_from_civil(date.year, date.month, date.day));
  return r;
}

// Gives row `row` of `rows` the extra values `values` (appended to ImportRows::extra_values; call in row
// order to keep extra_values in row order, as the normaliser does).
inline void set_extras(ImportRows& rows, size_t row, std::vector<ExtraValue> values) {
  ImportRow& r = rows.rows.at(row);
  r.first_extra = static_cast<uint32_t>(rows.extra_values.size());
  r.extra_count = static_cast<uint32_t>(values.size());
  for (auto& v : values) rows.extra_values.push_back(std::move(v));
}

inline StudentSnapshot make_student(std::string rid, std::string uid, std::string nick = {}, std::string phone = {}) {
  StudentSnapshot s;
  s.record_id = std::move(rid);
  s.user_id = std::move(uid);
  s.nickname = std::move(nick);
  s.phone = std::move(phone);
  return s;
}

inline RecordSnapshot make_record(std::string rid, std::string uid, std::string course, CalendarDate date,
                                  std::string student) {
  RecordSnapshot r;
  r.record_id = std::move(rid);
  r.user_id = std::move(uid);
  r.course = std::move(course);
  r.date_ms = local_midnight_ms(date, 480);
  if (!student.empty()) r.student_ids.push_back(std::move(student));
  return r;
}

}  // namespace ss::test
