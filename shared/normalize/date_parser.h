// date_parser.h — date cells to the calendar day in the Base's time zone, as the ms timestamp of that
// day's local midnight (how Bitable stores a date-only value, feishu-bitable-api.md §9.4).
//
// Accepted (after trimming, full-width folding and removing Excel guards ' = ="…"):
//   2024-01-15  2024-1-5  2024/1/15  2024.1.15  2024.01.15  2024年4月1日  20240115
//   any of the above followed by a time: "2024-01-15 13:45", "2024/1/15 9:05:07", "2024年4月1日 10:00"
//   ISO 8601: 2024-01-15T13:45:00, with .fff, and with Z / +08:00 / +0800 / -05 offsets.
// A time without offset is local (the Base's zone): only its date part matters. A time with an offset is
// an instant, converted to the Base's zone first (2024-01-14T20:00:00Z is 2024-01-15 in Shanghai).
// Excel serial numbers (45306 = 2024-01-15) are accepted only between 1970-01-01 and 2099-12-31 and
// flagged so the caller warns: Excel writes them when a date column was formatted as a number; the
// warning shows the date it became so staff can check.
// Everything else (下周二, 1/15/2024 whose day/month order is ambiguous, 2024-02-30) is rejected —
// the engine never substitutes "today".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ss {

struct CalendarDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};

struct ParsedDate {
  CalendarDate date;
  int64_t midnight_ms = 0;  // local midnight of `date` as UTC epoch ms
  int64_t day = 0;          // `date` as days since 1970-01-01
  bool from_excel_serial = false;
};

std::optional<ParsedDate> parse_date(std::string_view text, int utc_offset_minutes);
// The same through the general parser only, without the shortcut for the common export styles: the
// oracle the tests hold the shortcut to.
std::optional<ParsedDate> parse_date_without_shortcut(std::string_view text, int utc_offset_minutes);

int64_t days_from_civil(int year, int month, int day);
CalendarDate civil_from_days(int64_t days);
int64_t local_midnight_ms(const CalendarDate& date, int utc_offset_minutes);
// Local midnight of a day (days since 1970-01-01) as UTC epoch ms: how a planned 学习日期 is written.
inline int64_t day_midnight_ms(int64_t day, int utc_offset_minutes) {
  return day * 86400000LL - static_cast<int64_t>(utc_offset_minutes) * 60000LL;
}
// Calendar day (days since 1970-01-01) of an instant in the given zone; floors correctly for negatives.
int64_t local_day_of_ms(int64_t epoch_ms, int utc_offset_minutes);
std::string format_date(const CalendarDate& date);  // "2024-01-15"

}  // namespace ss
