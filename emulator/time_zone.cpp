// time_zone.cpp: see time_zone.h for the capability list.
#include "time_zone.h"

#include <cstdio>
#include <utility>

namespace feishu_emulator {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Civil-from-days and days-from-civil (Howard Hinnant's public-domain algorithms), so month
// arithmetic needs neither timegm nor the process-wide TZ variable (handlers run concurrently).
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  if (m <= 2) --y;
  const int64_t era = floor_div(y, 400);
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

int64_t TimeZone::day_start(int64_t t) const {
  return floor_div(t + offset_ms, kDayMs) * kDayMs - offset_ms;
}

int64_t TimeZone::week_start(int64_t t) const {
  const int64_t days = floor_div(t + offset_ms, kDayMs);
  // 1970-01-01 was a Thursday: days since the Monday before it.
  const int64_t weekday_from_monday = ((days + 3) % 7 + 7) % 7;
  return (days - weekday_from_monday) * kDayMs - offset_ms;
}

int64_t TimeZone::month_start(int64_t t, int months_delta) const {
  int64_t y;
  unsigned m, d;
  civil_from_days(floor_div(t + offset_ms, kDayMs), y, m, d);
  int64_t months = y * 12 + (m - 1) + months_delta;
  const int64_t ny = floor_div(months, 12);
  const unsigned nm = static_cast<unsigned>(months - ny * 12) + 1;
  return days_from_civil(ny, nm, 1) * kDayMs - offset_ms;
}

std::optional<TimeZone> parse_time_zone(const std::string& name) {
  static const std::pair<const char*, int> kFixed[] = {
      {"Asia/Shanghai", 480}, {"Asia/Chongqing", 480}, {"Asia/Hong_Kong", 480}, {"Asia/Taipei", 480},
      {"Asia/Singapore", 480}, {"Asia/Tokyo", 540},    {"Asia/Seoul", 540},     {"UTC", 0},
      {"Etc/UTC", 0},          {"GMT", 0}};
  for (const auto& [zone, minutes] : kFixed) {
    if (name == zone) return TimeZone{name, minutes * 60LL * 1000};
  }
  char sign = 0;
  int hh = 0, mm = 0, consumed = 0;
  if (std::sscanf(name.c_str(), "UTC%c%d:%d%n", &sign, &hh, &mm, &consumed) == 3 &&
      consumed == static_cast<int>(name.size()) && (sign == '+' || sign == '-') && hh <= 14 && mm < 60) {
    const int64_t off = (hh * 60LL + mm) * 60 * 1000;
    return TimeZone{name, sign == '+' ? off : -off};
  }
  return std::nullopt;
}

}  // namespace feishu_emulator
