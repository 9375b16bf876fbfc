// date_parser.cpp — see date_parser.h.
#include "normalize/date_parser.h"

#include <cstdio>

#include "normalize/excel_guard.h"
#include "text/utf8.h"

namespace ss {

int64_t days_from_civil(int y, int m, int d) {
  // Howard Hinnant's algorithm (public domain), proleptic Gregorian.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CalendarDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CalendarDate out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2));
  return out;
}

int64_t local_midnight_ms(const CalendarDate& d, int utc_offset_minutes) {
  return days_from_civil(d.year, d.month, d.day) * 86400000LL - static_cast<int64_t>(utc_offset_minutes) * 60000LL;
}

int64_t local_day_of_ms(int64_t ms, int utc_offset_minutes) {
  const int64_t local = ms + static_cast<int64_t>(utc_offset_minutes) * 60000LL;
  return local >= 0 ? local / 86400000LL : -((-local + 86400000LL - 1) / 86400000LL);
}

std::string format_date(const CalendarDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

namespace {

bool valid_date(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// A cursor over ASCII text (full-width already folded; 年月日 handled as tokens).
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool eat(std::string_view token) {
    if (s_.substr(i_, token.size()) != token) return false;
    i_ += token.size();
    return true;
  }
  void skip_spaces() {
    while (peek() == ' ') ++i_;
  }
  // Reads min..max decimal digits.
  bool number(int min_digits, int max_digits, int& out) {
    int n = 0, value = 0;
    while (n < max_digits && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (peek() - '0');
      ++i_;
      ++n;
    }
    if (n < min_digits) return false;
    out = value;
    return !(peek() >= '0' && peek() <= '9');  // no extra digits
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

// Optional "HH:MM[:SS[.fff]]" and offset. Sets offset_minutes when the text carries one.
bool parse_time_and_offset(Cursor& c, std::optional<int>& offset_minutes, int& minutes_of_day) {
  minutes_of_day = 0;
  int h = 0, mi = 0, sec = 0;
  if (!c.number(1, 2, h) || !c.eat(':') || !c.number(2, 2, mi)) return false;
  if (c.eat(':')) {
    if (!c.number(2, 2, sec)) return false;
    if (c.eat('.') || c.eat(',')) {
      int frac = 0;
      if (!c.number(1, 9, frac)) return false;
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  minutes_of_day = h * 60 + mi;
  c.skip_spaces();
  if (c.eat('Z') || c.eat('z')) {
    offset_minutes = 0;
  } else if (c.peek() == '+' || c.peek() == '-') {
    const int sign = c.peek() == '-' ? -1 : 1;
    c.eat(c.peek());
    int oh = 0, om = 0, digits = 0;
    if (!c.number(2, 4, digits)) return false;  // +08, +0800 or +08:00
    if (digits >= 100) {
      oh = digits / 100;
      om = digits % 100;
    } else {
      oh = digits;
      if (c.eat(':') && !c.number(2, 2, om)) return false;
    }
    if (oh > 14 || om > 59) return false;
    offset_minutes = sign * (oh * 60 + om);
  }
  c.skip_spaces();
  return c.done();
}

std::optional<ParsedDate> finish(int y, int m, int d, std::optional<int> text_offset, int minutes_of_day,
                                 int target_offset) {
  if (!valid_date(y, m, d)) return std::nullopt;
  CalendarDate date{y, m, d};
  if (text_offset.has_value()) {
    // An instant: move it into the Base's zone and take that calendar day.
    const int64_t instant_ms = days_from_civil(y, m, d) * 86400000LL +
                               static_cast<int64_t>(minutes_of_day - *text_offset) * 60000LL;
    date = civil_from_days(local_day_of_ms(instant_ms, target_offset));
  }
  ParsedDate out;
  out.date = date;
  out.day = days_from_civil(date.year, date.month, date.day);
  out.midnight_ms = out.day * 86400000LL - static_cast<int64_t>(target_offset) * 60000LL;
  return out;
}

// After the date part: end, or a time (after 'T' or spaces).
std::optional<ParsedDate> parse_rest(Cursor& c, int y, int m, int d, int target_offset) {
  c.skip_spaces();
  std::optional<int> offset;
  int minutes = 0;
  if (!c.done()) {
    if (!c.eat('T')) c.eat('t');
    c.skip_spaces();
    if (!parse_time_and_offset(c, offset, minutes)) return std::nullopt;
  }
  return finish(y, m, d, offset, minutes, target_offset);
}

std::optional<ParsedDate> parse_excel_serial(std::string_view s, int target_offset) {
  // Integer part 5 digits, optional fraction (a time of day, ignored).
  size_t i = 0;
  int64_t serial = 0;
  // At most one digit past the five accepted, so a long run of digits cannot overflow (found by fuzzing).
  while (i < s.size() && i < 6 && s[i] >= '0' && s[i] <= '9') serial = serial * 10 + (s[i++] - '0');
  if (i != 5) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != '.' || i + 1 >= s.size()) return std::nullopt;
    for (size_t k = i + 1; k < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return std::nullopt;
    }
  }
  // Serial 25569 is 1970-01-01 (Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is past).
  constexpr int64_t kUnixEpochSerial = 25569;
  const int64_t days = serial - kUnixEpochSerial;
  if (days < 0 || days > days_from_civil(2099, 12, 31)) return std::nullopt;
  ParsedDate out;
  out.date = civil_from_days(days);
  out.day = days;
  out.midnight_ms = local_midnight_ms(out.date, target_offset);
  out.from_excel_serial = true;
  return out;
}

}  // namespace

namespace {

// Reads min..max ASCII digits at pos (not followed by another digit).
inline bool read_digits(std::string_view s, size_t& pos, size_t min_digits, size_t max_digits, int& out) {
  int value = 0;
  size_t n = 0;
  while (n < max_digits && pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    value = value * 10 + (s[pos++] - '0');
    ++n;
  }
  if (n < min_digits || (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')) return false;
  out = value;
  return true;
}

inline bool eat_text(std::string_view s, size_t& pos, std::string_view token) {
  if (s.substr(pos, token.size()) != token) return false;
  pos += token.size();
  return true;
}

// The styles 小鹅通 and Excel exports use, already clean: "2024-01-15", "2024/1/5", "2024.1.15",
// "2024年1月15日", each optionally followed by one space and "9:05" or "09:05:07". Same result as the
// general parser below (which accepts more: spaces, guards, full-width digits, offsets); anything not
// exactly in these shapes is left to it (nullopt).
std::optional<std::optional<ParsedDate>> parse_common_date(std::string_view s, int target_offset) {
  size_t pos = 0;
  int y, m, d;
  if (!read_digits(s, pos, 4, 4, y) || pos >= s.size()) return std::nullopt;
  const char sep = s[pos];
  if (sep == '-' || sep == '/' || sep == '.') {
    ++pos;
    if (!read_digits(s, pos, 1, 2, m) || !eat_text(s, pos, std::string_view(&sep, 1)) || !read_digits(s, pos, 1, 2, d)) {
      return std::nullopt;
    }
  } else if (!eat_text(s, pos, "年") || !read_digits(s, pos, 1, 2, m) || !eat_text(s, pos, "月") ||
             !read_digits(s, pos, 1, 2, d) || !eat_text(s, pos, "日")) {
    return std::nullopt;
  }
  if (pos < s.size()) {
    int h, mi, sec = 0;
    if (s[pos] != ' ' || !read_digits(s, ++pos, 1, 2, h) || !eat_text(s, pos, ":") || !read_digits(s, pos, 2, 2, mi)) {
      return std::nullopt;
    }
    if (pos < s.size() && (!eat_text(s, pos, ":") || !read_digits(s, pos, 2, 2, sec))) return std::nullopt;
    if (pos != s.size() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  }
  return finish(y, m, d, std::nullopt, 0, target_offset);
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text, int utc_offset_minutes) {
  if (auto common = parse_common_date(text, utc_offset_minutes)) return *common;
  const std::string_view unguarded = strip_excel_guard(trim_unicode_view(text));
  // Full-width forms start with EF, the ideographic space with E3 80 80: without them, nothing to fold
  // and no copy to make.
  std::string folded;
  std::string_view s = unguarded;
  if (unguarded.find('\xEF') != std::string_view::npos || unguarded.find("\xE3\x80\x80") != std::string_view::npos) {
    folded = fold_full_width(unguarded);
    s = folded;
  }
  s = trim_unicode_view(s);
  if (s.empty()) return std::nullopt;

  int y = 0, m = 0, d = 0;
  {  // 2024年4月1日 [time]
    Cursor c(s);
    if (c.number(4, 4, y) && (c.skip_spaces(), c.eat("年")) && (c.skip_spaces(), c.number(1, 2, m)) &&
        (c.skip_spaces(), c.eat("月")) && (c.skip_spaces(), c.number(1, 2, d)) && (c.skip_spaces(), true) &&
        (c.eat("日") || c.eat("号"))) {
      return parse_rest(c, y, m, d, utc_offset_minutes);
    }
  }
  {  // 2024-01-15, 2024/1/15, 2024.1.15 [time]
    Cursor c(s);
    if (c.number(4, 4, y)) {
      const char sep = c.peek();
      if ((sep == '-' || sep == '/' || sep == '.') && c.eat(sep) && c.number(1, 2, m) && c.eat(sep) &&
          c.number(1, 2, d)) {
        return parse_rest(c, y, m, d, utc_offset_minutes);
      }
    }
  }
  {  // 20240115 [time]
    Cursor c(s);
    int ymd = 0;
    if (c.number(8, 8, ymd)) {
      auto r = parse_rest(c, ymd / 10000, ymd / 100 % 100, ymd % 100, utc_offset_minutes);
      if (r) return r;
    }
  }
  return parse_excel_serial(s, utc_offset_minutes);
}

}  // namespace ss
