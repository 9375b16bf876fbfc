// plan_test_support.h — builders for ImportRows and Snapshots in plan tests.
#pragma once

#include <string>

#include "normalize/date_parser.h"
#include "normalize/import_rows.h"
#include "plan/snapshot.h"

namespace ss::test {

inline ImportRow make_row(int line, std::string uid, std::string nick, std::string phone, std::string course,
                          CalendarDate date) {
  ImportRow r;
  r.line = line;
  r.user_id = std::move(uid);
  r.nickname = std::move(nick);
  r.phone = std::move(phone);
  r.course = std::move(course);
  r.day = static_cast<int32_t>(days_from_civil(date.year, date.month, date.day));
  r.date_ms = local_midnight_ms(date, 480);
  return r;
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
