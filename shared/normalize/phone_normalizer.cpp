// phone_normalizer.cpp — see phone_normalizer.h.
#include "normalize/phone_normalizer.h"

#include <cstdint>
#include <cstring>

#include "core/sync_schema.h"
#include "normalize/excel_guard.h"
#include "text/utf8.h"

namespace ss {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return !s.empty();
}

// 1.39001E+10, 1E10, 13900139001e0
bool is_scientific(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0 || i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t exp_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
  return exp_digits > 0 && i == s.size();
}

bool is_separator(char32_t cp) {
  return is_unicode_space(cp) || cp == '-' || cp == '(' || cp == ')' || cp == '.' || cp == 0x2010 ||
         cp == 0x2011 || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x30FC;
}

}  // namespace

bool is_phone_field_value(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

namespace {

// The shapes exports put in a phone column besides plain digits: "+86 138 0013 8000", "138-0013-8000",
// "(0086)13800138000" — ASCII digits, spaces, dashes, brackets and '+'. For them every step of the
// general path before the separators go changes nothing (no guard, nothing to fold or to trim again, no
// exponent, no ".0"), so the digits are the text without its separators; a '+' out of place is kept, as
// the general path keeps it, and judged by the same checks after.
//
// Per byte: kKeep for what stays (digits, '+'), kQuick for every byte of those shapes.
constexpr uint8_t kKeep = 1, kQuick = 2;
struct QuickClasses {
  uint8_t of[256] = {};
  constexpr QuickClasses() {
    for (char c = '0'; c <= '9'; ++c) of[static_cast<uint8_t>(c)] = kKeep | kQuick;
    of[static_cast<uint8_t>('+')] = kKeep | kQuick;
    for (char c : {' ', '-', '(', ')'}) of[static_cast<uint8_t>(c)] = kQuick;
  }
};
constexpr QuickClasses kQuickClasses;

// Writes the kept bytes of `trimmed` to `out` (room for trimmed.size()) and returns how many, or -1 when
// `trimmed` is empty or not of those shapes. Every byte is written and the count steps by a table, so
// the separators' places cost no mispredicted branch.
int keep_quick_digits(std::string_view trimmed, char* out) {
  if (trimmed.empty()) return -1;
  int n = 0;
  uint8_t all = kQuick;
  for (const char c : trimmed) {
    const uint8_t cls = kQuickClasses.of[static_cast<uint8_t>(c)];
    out[n] = c;
    n += cls & kKeep;
    all &= cls;
  }
  return all == 0 ? -1 : n;
}

void remove_country_prefix(std::string_view& number) {
  if (number.substr(0, 3) == "+86") {
    number.remove_prefix(3);
  } else if (number.substr(0, 4) == "0086") {
    number.remove_prefix(4);
  } else if (number.size() == 13 && number.substr(0, 3) == "861") {
    number.remove_prefix(2);
  }
}

}  // namespace

// The usual answer for those shapes: a mobile number once separators and the country prefix are gone.
// Without '*', '×' or a '+' left there is nothing for the later checks to object to, so the answer is
// kOk and those digits, found without a std::string.
std::string_view quick_mobile_number_other_shapes(std::string_view trimmed, char (&buffer)[24]) {
  // "138-0013-8000", a tenth of the phone cells of an export, by whole words: the loop below took ~200
  // instructions for it.
  const char* p = trimmed.data();
  constexpr uint64_t kFourth = 0xFF000000ULL;  // byte 3 of a word
  if (trimmed.size() == 13 && p[0] == '1' && (word_at(p) & kFourth) == 0x2D000000ULL &&  // "138-0013-8000"
      (word_at(p + 5) & kFourth) == 0x2D000000ULL && ((non_digit_tops(word_at(p)) | non_digit_tops(word_at(p + 5))) & ~0x80000000ULL) == 0) {
    std::memcpy(buffer, p, 3);
    std::memcpy(buffer + 3, p + 4, 4);
    std::memcpy(buffer + 7, p + 9, 4);
    return std::string_view(buffer, 11);
  }
  if (trimmed.size() > sizeof buffer) return {};
  const int n = keep_quick_digits(trimmed, buffer);
  if (n < 0) return {};
  std::string_view number(buffer, static_cast<size_t>(n));
  remove_country_prefix(number);
  if (number.size() != 11 || number.front() != '1' || !all_digits(number)) return {};
  return number;
}

namespace {

// quick_mobile_number as normalize_phone's answer. False, `r` untouched, when it does not apply.
bool quick_mobile(std::string_view trimmed, PhoneResult& r) {
  char buffer[24];
  const std::string_view number = quick_mobile_number(trimmed, buffer);
  if (number.empty()) return false;
  r.status = PhoneStatus::kOk;
  r.value.assign(number);
  return true;
}

// The digits of those shapes, for the checks quick_mobile leaves to the general path's end. False,
// `digits` untouched, for any other text.
bool quick_digits(std::string_view trimmed, std::string& digits) {
  std::string kept(trimmed.size(), '\0');
  const int n = keep_quick_digits(trimmed, kept.data());
  if (n < 0) return false;
  kept.resize(static_cast<size_t>(n));
  digits = std::move(kept);
  return true;
}

// Everything up to the removal of separators, for any text. False when `r` is already the answer.
bool general_digits(std::string_view trimmed, PhoneResult& r, std::string& digits) {
  const std::string text = fold_full_width(trim_unicode_view(strip_excel_guard(trimmed)));
  if (text.empty()) return false;
  // The usual case, 11 plain digits starting with 1: nothing below would change it.
  if (text.size() == 11 && text.front() == '1' && all_digits(text)) {
    r.value = text;
    r.status = PhoneStatus::kOk;
    return false;
  }
  if (is_scientific(text)) {
    r.status = PhoneStatus::kError;
    r.message = "手机号 " + std::string(trimmed) + " 被 Excel 改成了科学计数法，后几位数字已经丢失，请把该列设为文本后重新导出";
    return false;
  }

  digits.reserve(text.size());
  std::string_view body = text;
  // 13800138000.0: a number cell written with a decimal part.
  if (auto dot = body.find('.'); dot != std::string_view::npos && all_digits(body.substr(0, dot)) &&
                                 body.substr(dot + 1).find_first_not_of('0') == std::string_view::npos &&
                                 dot + 1 < body.size()) {
    body = body.substr(0, dot);
  }
  bool ascii = true;
  for (char c : body) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {  // "+86 138…", "138-0013-8000": the separators are single bytes, nothing to decode
    for (char c : body) {
      if (!is_separator(static_cast<unsigned char>(c))) digits.push_back(c);
    }
  } else {
    size_t pos = 0;
    while (pos < body.size()) {
      char32_t cp = next_code_point(body, pos);
      if (is_zero_width(cp) || is_separator(cp)) continue;
      append_utf8(digits, cp);
    }
  }
  return true;
}

PhoneResult normalize(std::string_view raw, int phone_field_type, bool allow_quick) {
  PhoneResult r;
  const std::string_view trimmed = trim_unicode_view(raw);
  if (allow_quick && quick_mobile(trimmed, r)) return r;
  std::string digits;  // separators removed
  if (!(allow_quick && quick_digits(trimmed, digits)) && !general_digits(trimmed, r, digits)) return r;
  const auto shown = [&] { return std::string(trimmed); };  // only messages need a copy

  std::string_view number = digits;
  remove_country_prefix(number);

  if (number.find('*') != std::string_view::npos || number.find("×") != std::string_view::npos) {
    r.status = PhoneStatus::kWarning;
    r.message = "手机号 " + shown() + " 是打了码的号码（带 *），不会写入手机号";
    return r;
  }
  const bool fits_phone_field = is_phone_field_value(number) && number.size() <= 64;
  if (!fits_phone_field) {
    r.status = PhoneStatus::kWarning;
    if (phone_field_type == kFieldPhone) {
      r.message = "手机号 " + shown() + " 含有电话字段不接受的字符，不会写入手机号";
    } else {
      r.value = shown();
      r.message = "手机号 " + shown() + " 不是有效的手机号，已按原文写入，请核对";
    }
    return r;
  }
  r.value.assign(number);
  if (number.size() == 11 && number.front() == '1') {
    r.status = PhoneStatus::kOk;
  } else {
    r.status = PhoneStatus::kWarning;
    r.message = "手机号 " + shown() + " 不是 11 位手机号，已照写，请核对";
  }
  return r;
}

}  // namespace

PhoneResult normalize_phone(std::string_view raw, int phone_field_type) {
  return normalize(raw, phone_field_type, true);
}

PhoneResult normalize_phone_without_shortcut(std::string_view raw, int phone_field_type) {
  return normalize(raw, phone_field_type, false);
}

}  // namespace ss
