// record_filter.h: the records/search `filter` and `sort` (feishu-bitable-api.md §3.1, §4).
//
// Implemented:
//  [X] filter {conjunction "and"|"or", conditions[≤50] {field_name, operator, value: string[≤10]},
//      children[] with their own conjunction/conditions, one level only (deeper → 1254018)}.
//  [X] Operators per type: text/phone/url(display text): is, isNot, contains, doesNotContain, isEmpty,
//      isNotEmpty; number: is, isNot, isGreater, isGreaterEqual, isLess, isLessEqual, isEmpty, isNotEmpty;
//      single/multi select and links: is, isNot, contains, doesNotContain, isEmpty, isNotEmpty;
//      checkbox: is ["true"|"false"]; date (5/1001/1002): is, isGreater, isLess, isEmpty, isNotEmpty.
//  [X] Date values ["ExactDate","<ms>"] snapped to 00:00 of that day in the Base's time zone, and
//      Today/Tomorrow/Yesterday, CurrentWeek/LastWeek/CurrentMonth/LastMonth (weeks start Monday),
//      TheLastWeek/TheNextWeek/TheLastMonth/TheNextMonth (the last/next 7 or 30 days incl. today; the
//      docs do not define them precisely). Week/month values allow `is` only.
//  [X] isEmpty/isNotEmpty need an explicit "value": [] (omitting it is an error in Feishu, §4).
//  [X] sort [≤100] {field_name, desc}: stable, empty cells last in both directions, ties keep
//      creation order. Unknown field names → 1254045; malformed filter 1254018, malformed sort 1254016.
// Missing:
//  [ ] `like` and `in` (documented as "not supported yet": refused with 1254018, as Feishu does).
//  [ ] Case-insensitive text matching: Feishu's rule is undocumented, the emulator compares exactly.
#pragma once

#include "api_error.h"
#include "base_model.h"
#include "time_zone.h"

#include <cstdint>
#include <string>
#include <vector>

namespace feishu_emulator {

class RecordFilter {
 public:
  // A null or absent filter matches everything.
  static Expected<RecordFilter> compile(const json& filter, const Table& table, const TimeZone& tz, int64_t now_ms);
  bool matches(const Record& record) const;

  struct Condition {
    const FieldDef* field = nullptr;
    std::string op;
    std::vector<std::string> values;
    double number = 0;             // number comparisons
    int64_t lo = 0, hi = 0;        // date range [lo, hi)
  };
  struct Group {
    bool is_and = true;
    std::vector<Condition> conditions;
    std::vector<Group> children;
  };

 private:
  Group root_;
  bool match_all_ = true;
};

struct SortKey {
  const FieldDef* field = nullptr;
  bool desc = false;
};

Expected<std::vector<SortKey>> compile_sort(const json& sort, const Table& table);
void sort_records(std::vector<const Record*>& rows, const std::vector<SortKey>& keys);

}  // namespace feishu_emulator
