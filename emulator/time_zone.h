// time_zone.h: the Base's time zone, used to snap ExactDate filter values to local midnight.
//
// Implemented:
//  [X] Fixed-offset zones by IANA name for zones without daylight saving (Asia/Shanghai, Asia/Hong_Kong,
//      Asia/Taipei, Asia/Singapore, Asia/Tokyo, Asia/Seoul, UTC, Etc/UTC) and "UTC+HH:MM"/"UTC-HH:MM".
//  [X] Local midnight of a ms timestamp, day/week/month starts for the relative date filter values.
// Missing:
//  [ ] Zones with daylight saving (Europe/*, America/*): refused at start-up rather than computed
//      wrongly; a thread-safe tz database would be needed and the demo only needs Asia/Shanghai.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace feishu_emulator {

struct TimeZone {
  std::string name = "Asia/Shanghai";
  int64_t offset_ms = 8LL * 3600 * 1000;

  // Start of the local day containing t (ms since epoch, UTC).
  int64_t day_start(int64_t t) const;
  // Monday 00:00 of the local week containing t (Feishu weeks start on Monday in zh_CN).
  int64_t week_start(int64_t t) const;
  // First day 00:00 of the local month containing t; months_delta shifts by whole months.
  int64_t month_start(int64_t t, int months_delta = 0) const;
};

std::optional<TimeZone> parse_time_zone(const std::string& name);

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

}  // namespace feishu_emulator
