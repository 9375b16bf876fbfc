// Tests for normalize/date_parser: every date style of the fixtures and make_exports.py --quirks.
#include "normalize/date_parser.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

constexpr int kShanghai = 480;
// 2024-01-15 00:00 Asia/Shanghai = 2024-01-14T16:00:00Z.
constexpr int64_t kJan15 = 1705248000000LL;

std::string day_of(std::string_view text, int offset = kShanghai) {
  auto d = parse_date(text, offset);
  return d ? format_date(d->date) : "(none)";
}

TEST(DateParser, AllExportStylesGiveTheSameMidnight) {
  for (const char* text : {"2024-01-15", "2024/1/15", "2024/01/15", "2024.1.15", "2024.01.15", "2024年1月15日",
                           "2024-01-15 13:45:00", "2024-01-15 23:59", "2024/1/15 9:05:07", "2024年1月15日 10:00",
                           "20240115", "2024-01-15T13:45:00", "2024-01-15T13:45:00.123", "2024-01-15T10:00:00+08:00",
                           " 2024-01-15 ", "\t2024-01-15", "'2024-01-15", "=\"2024-01-15\"", "２０２４－０１－１５",
                           "2024 年 1 月 15 日"}) {
    auto d = parse_date(text, kShanghai);
    ASSERT_TRUE(d.has_value()) << text;
    EXPECT_EQ(d->midnight_ms, kJan15) << text;
    EXPECT_FALSE(d->from_excel_serial);
  }
}

TEST(DateParser, FixtureDates) {
  EXPECT_EQ(day_of("2024/1/15"), "2024-01-15");
  EXPECT_EQ(day_of("2024年4月1日"), "2024-04-01");
}

TEST(DateParser, OffsetTimesAreConvertedToTheBaseZoneFirst) {
  EXPECT_EQ(day_of("2024-01-14T20:00:00Z"), "2024-01-15");       // 04:00 in Shanghai
  EXPECT_EQ(day_of("2024-01-15T01:00:00+0800"), "2024-01-15");
  EXPECT_EQ(day_of("2024-01-15T01:00:00+09:00"), "2024-01-15");  // 00:00 Shanghai
  EXPECT_EQ(day_of("2024-01-15T00:30:00+09:00"), "2024-01-14");  // 23:30 Shanghai the day before
  EXPECT_EQ(day_of("2024-01-15T20:00:00-05"), "2024-01-16");
  EXPECT_EQ(day_of("2024-01-14T20:00:00Z", 0), "2024-01-14");    // zone is a parameter
}

TEST(DateParser, MidnightDependsOnTheConfiguredOffset) {
  EXPECT_EQ(parse_date("2024-01-15", 0)->midnight_ms, kJan15 + 8 * 3600000LL);
  EXPECT_EQ(parse_date("2024-01-15", -300)->midnight_ms, kJan15 + 13 * 3600000LL);
}

TEST(DateParser, ExcelSerialIsAcceptedAndFlagged) {
  auto d = parse_date("45306", kShanghai);
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->from_excel_serial);
  EXPECT_EQ(format_date(d->date), "2024-01-15");
  EXPECT_EQ(d->midnight_ms, kJan15);
  EXPECT_TRUE(parse_date("45306.5", kShanghai).has_value());
  EXPECT_FALSE(parse_date("12345", kShanghai).has_value());  // before 1970: not a plausible date
  EXPECT_FALSE(parse_date("123", kShanghai).has_value());
}

// A long run of digits once overflowed the serial's int64 (found by fuzz_import under UBSan).
TEST(DateParser, LongDigitRunsAreRejectedWithoutOverflow) {
  EXPECT_FALSE(parse_date("99999999999999999999999999999999", kShanghai).has_value());
  EXPECT_FALSE(parse_date("453060", kShanghai).has_value());
}

TEST(DateParser, RejectsAnythingElseNeverGuessesToday) {
  for (const char* text : {"下周二", "", "  ", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "1/15/2024",
                           "15/01/2024", "2024-01", "2024-01-15 25:00", "2024-01-15 12:60", "2024-01-15T", "2024/01-15",
                           "2024-01-15 abc", "tomorrow", "13800138000", "2024-1-15-3"}) {
    EXPECT_FALSE(parse_date(text, kShanghai).has_value()) << text;
  }
}

TEST(DateParser, LeapDayAndCivilRoundTrip) {
  EXPECT_EQ(day_of("2024-02-29"), "2024-02-29");
  for (int64_t d : {-1LL, 0LL, 19737LL, 47482LL}) {
    CalendarDate c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(local_day_of_ms(-1, 0), -1);
  EXPECT_EQ(local_day_of_ms(kJan15, kShanghai), days_from_civil(2024, 1, 15));
}

}  // namespace
}  // namespace ss
