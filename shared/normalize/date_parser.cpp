// date_parser.cpp — see date_parser.h.
#include "normalize/date_parser.h"

#include <cstdio>

#include "normalize/excel_guard.h"
#include "text/ascii_words.h"
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
  return day_midnight_ms(days_from_civil(d.year, d.month, d.day), utc_offset_minutes);
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
  out.midnight_ms = day_midnight_ms(out.day, target_offset);
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

// 1 or 0, an int: combined with '&' (no short circuit, so no branch), which Clang warns about for bools.
inline int is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

// The text's bytes, with '\0' past its end, so that the readers below take no branch on the length.
class Bytes {
 public:
  explicit Bytes(std::string_view s) : s_(s) {}
  char operator[](size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  size_t size() const { return s_.size(); }

 private:
  std::string_view s_;
};

// One or two digits at pos. A third digit needs no check: every caller wants a separator or the end
// next. Why selects, not a loop: in an export the widths of months and days vary from row to row, and a
// branch on each went either way at random.
inline bool one_or_two_digits(const Bytes& s, size_t& pos, int& out) {
  const char first = s[pos], second = s[pos + 1];
  const bool two = is_digit(second);
  out = two ? (first - '0') * 10 + (second - '0') : first - '0';
  pos += two ? 2 : 1;
  return is_digit(first);
}

inline bool two_digits(const Bytes& s, size_t pos, int& out) {
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return is_digit(s[pos]) & is_digit(s[pos + 1]);
}

inline bool eat_text(const Bytes& s, size_t& pos, std::string_view token) {
  for (size_t k = 0; k < token.size(); ++k) {
    if (s[pos + k] != token[k]) return false;
  }
  pos += token.size();
  return true;
}

// Optional " H:MM" or " H:MM:SS" up to the end of the text.
bool common_time_or_end(const Bytes& s, size_t pos) {
  if (pos == s.size()) return true;
  int h, mi, sec = 0;
  if (s[pos] != ' ' || !one_or_two_digits(s, ++pos, h) || s[pos] != ':' || !two_digits(s, pos + 1, mi)) return false;
  pos += 3;
  if (pos != s.size() && (s[pos] != ':' || !two_digits(s, pos + 1, sec) || (pos += 3) != s.size())) return false;
  return h <= 23 && mi <= 59 && sec <= 60;
}

// Days since 1970-01-01 of a date already checked by valid_date_1900_to_2199, without days_from_civil's
// 64-bit divisions (real division instructions in wasm). Only for years 1900..2199, where a year
// divisible by 4 is a leap year unless it is 1900 or 2100.
inline bool leap_year_1900_to_2199(int y) { return (y & 3) == 0 && y != 1900 && y != 2100; }

inline int64_t day_number_1900_to_2199(int y, int m, int d) {
  static constexpr int kDaysBeforeMonth[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const int years = y - 1901;  // whole years since 1901-01-01, so that every fourth one ended in a leap day
  const int days_since_1901 = years * 365 + years / 4 - (y > 2100);
  return days_since_1901 - 25202 + kDaysBeforeMonth[m] + (m > 2 && leap_year_1900_to_2199(y)) + d - 1;
}

inline bool valid_date_1900_to_2199(int y, int m, int d) {
  static constexpr int kDays[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m] + (m == 2 && leap_year_1900_to_2199(y));
}

// The shortcuts' answer for a date of their shapes, written into the caller's result: left nullopt when
// the date does not exist (or is outside 1900..2199).
//
// Why through a reference and not returned: returned as std::optional<std::optional<ParsedDate>>, the
// value was assembled on the stack with 4- and 8-byte stores and copied on with 16-byte loads, each of
// which waited for the stores to retire (no store-to-load forwarding across several stores): ~25 ns for
// an ISO date, ~130 instructions.
void set_common_date(std::optional<ParsedDate>& out, int y, int m, int d, int target_offset) {
  if (!valid_date_1900_to_2199(y, m, d)) return;
  ParsedDate& date = out.emplace();
  date.date = CalendarDate{y, m, d};
  date.day = day_number_1900_to_2199(y, m, d);
  date.midnight_ms = day_midnight_ms(date.day, target_offset);
}

// The number of the two ASCII digits at p (already checked).
inline int digit_pair(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

// "2024-01-15", "2024/01/15", "2024.01.15", each alone or with " 09:05:07": two thirds of the dates of
// an export. Their digits and separators are checked as words (two overlapping ones for the date, one for
// the time), without the byte reader's length checks. False for anything else, or a time out of range:
// left to parse_common_date. True when decided: `out` is the date, or nullopt when it does not exist.
bool parse_iso_date(std::string_view text, int target_offset, std::optional<ParsedDate>& out) {
  const size_t n = text.size();
  if (n != 10 && n != 19) return false;
  const char* p = text.data();
  // Bytes 0..7 "2024-01-" with the separator at 4 and 7; bytes 2..9 "24-01-15", of which 8 and 9 are the
  // day's.
  constexpr uint64_t kSeparators = 0xFF0000FF00000000ULL;  // bytes 4 and 7
  const uint64_t head = word_at(p);
  const char sep = p[4];
  if ((sep != '-' && sep != '/' && sep != '.') || (head & kSeparators) != static_cast<uint64_t>(sep) * 0x0100000100000000ULL ||
      (non_digit_tops(head) & ~kSeparators) != 0 || (non_digit_tops(word_at(p + 2)) & 0xFF00000000000000ULL) != 0) {
    return false;
  }
  if (n == 19) {  // " 09:05:07": bytes 11..18 with ':' at 2 and 5
    constexpr uint64_t kTimeColons = 0x0000FF0000FF0000ULL;
    const uint64_t time = word_at(p + 11);
    if (p[10] != ' ' || (time & kTimeColons) != 0x00003A00003A0000ULL || (non_digit_tops(time) & ~kTimeColons) != 0) {
      return false;
    }
    if (digit_pair(p + 11) > 23 || digit_pair(p + 14) > 59 || digit_pair(p + 17) > 60) return false;
  }
  set_common_date(out, digit_pair(p) * 100 + digit_pair(p + 2), digit_pair(p + 5), digit_pair(p + 8), target_offset);
  return true;
}

// The styles 小鹅通 and Excel exports use, already clean: "2024-01-15", "2024/1/5", "2024.1.15",
// "2024年1月15日", each optionally followed by one space and "9:05" or "09:05:07". Same result as the
// general parser below (which accepts more: spaces, guards, full-width digits, offsets); false for
// anything not exactly in these shapes, which is left to it. True when decided, as parse_iso_date.
bool parse_common_date(std::string_view text, int target_offset, std::optional<ParsedDate>& out) {
  if (parse_iso_date(text, target_offset, out)) return true;
  const Bytes s(text);
  if (!(is_digit(s[0]) & is_digit(s[1]) & is_digit(s[2]) & is_digit(s[3]))) return false;
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  size_t pos = 4;
  int m, d;
  const char sep = s[4];
  if (sep == '-' || sep == '/' || sep == '.') {
    ++pos;
    if (!one_or_two_digits(s, pos, m) || s[pos] != sep || !one_or_two_digits(s, ++pos, d)) return false;
  } else if (!eat_text(s, pos, "年") || !one_or_two_digits(s, pos, m) || !eat_text(s, pos, "月") ||
             !one_or_two_digits(s, pos, d) || !eat_text(s, pos, "日")) {
    return false;
  }
  if (!common_time_or_end(s, pos)) return false;
  set_common_date(out, y, m, d, target_offset);
  return true;
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text, int utc_offset_minutes) {
  std::optional<ParsedDate> out;  // one object, returned in place (see set_common_date)
  if (!parse_common_date(text, utc_offset_minutes, out)) out = parse_date_without_shortcut(text, utc_offset_minutes);
  return out;
}

std::optional<ParsedDate> parse_date_without_shortcut(std::string_view text, int utc_offset_minutes) {
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
