// utf8.h — small UTF-8 helpers shared by the decoder, header matching and value cleaning.
//
// Why hand-written: the engine must behave identically natively and in wasm, and needs only a few
// operations (validate, walk code points, fold full-width ASCII, trim Unicode spaces). No locale is used:
// std::isspace & co. depend on the C locale and know nothing of U+3000.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ss {

// Strict validation (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// What the decoder needs to know of a file, in one pass: valid UTF-8, and its NUL and other control
// bytes (tab, CR, LF and FF are not counted), which mark binary files.
struct Utf8TextScan {
  bool valid_utf8 = true;
  bool has_nul = false;
  size_t controls = 0;
  size_t line_feeds = 0;  // LF bytes: an upper bound on the records to expect, known before parsing
};
Utf8TextScan scan_utf8_text(std::string_view bytes);  // in utf8_scan.cpp

// Length of the valid UTF-8 sequence starting at p[0] (a byte >= 0x80; `left` bytes readable), or 0 when
// it is invalid.
size_t utf8_sequence_length(const unsigned char* p, size_t left);

// Decodes the code point starting at `pos` and advances `pos`. Invalid bytes yield U+FFFD and advance by one.
char32_t next_code_point(std::string_view text, size_t& pos);

void append_utf8(std::string& out, char32_t cp);

// ASCII whitespace, NBSP, ideographic space U+3000 and the other Unicode spaces.
bool is_unicode_space(char32_t cp);

// Zero-width characters that Excel, WeChat and web copy/paste leave in IDs (ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY).
bool is_zero_width(char32_t cp);

// Full-width ASCII (U+FF01..U+FF5E) to ASCII, U+3000 to a space; everything else unchanged.
char32_t fold_full_width(char32_t cp);
std::string fold_full_width(std::string_view text);

// Removes leading and trailing Unicode spaces and zero-width characters.
std::string trim_unicode(std::string_view text);
// The same without copying: a view into `text`.
std::string_view trim_unicode_view_slow(std::string_view text);
// Inline, because it runs on every cell: most cells need no trimming, which their first and last bytes
// tell at once: ASCII printable; a three-byte character led by E4–EE (Chinese, and nothing trimmed is
// there) or by EF but not EF BB (full-width brackets such as "）" end many course names; EF BB BF is the
// BOM); any four-byte character (emoji in nicknames).
//
// Forced inline: GCC called it out of line from the row normaliser, which trims five cells a row.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
inline std::string_view trim_unicode_view(std::string_view text) {
  const size_t n = text.size();
  if (n == 0) return text;
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  // The character of three bytes from u[k] (k + 3 <= n, u[k] a lead byte) is never trimmed.
  const auto kept_three = [&](size_t k) { return u[k] >= 0xE4 && (u[k] != 0xEF || u[k + 1] != 0xBB); };
  const unsigned char first = u[0], last = u[n - 1];
  const bool first_kept = first < 0x80 ? first > 0x20 : (first >= 0xF0 || (n >= 3 && first >= 0xE0 && kept_three(0)));
  const bool last_kept = last < 0x80 ? last > 0x20 : ((n >= 4 && u[n - 4] >= 0xF0) || (n >= 3 && kept_three(n - 3)));
  if (first_kept && last_kept) return text;
  return trim_unicode_view_slow(text);
}

namespace utf8_detail {

// Bytes a removed character can start with (ASCII blanks; C2, E1, E2, E3 and EF lead them all), and
// bytes no valid character starts with: a text starting with none of these starts with a kept one.
constexpr bool may_start_blank(unsigned char b) {
  return b == ' ' || (b >= 0x09 && b <= 0x0D) || b == 0xC2 || (b >= 0xE1 && b <= 0xE3) || b == 0xEF || (b >= 0x80 && b <= 0xBF) ||
         b >= 0xF8;
}
struct ByteFlags {
  bool of[256];
};
constexpr ByteFlags may_start_blank_table() {
  ByteFlags t{};
  for (int b = 0; b < 256; ++b) t.of[b] = may_start_blank(static_cast<unsigned char>(b));
  return t;
}
inline constexpr ByteFlags kMayStartBlank = may_start_blank_table();

// Whether the last character of the (valid UTF-8) text ending at `end`, of at least four bytes, is one
// trim_unicode removes (the list of is_blank_sequence in utf8.cpp), from its last four bytes as a word.
inline bool ends_with_blank(const unsigned char* end) {
  uint32_t w;
  std::memcpy(&w, end - 4, 4);  // little-endian (x86-64, wasm): the last byte is bits 24..31
  const uint32_t last = w >> 24, two = w >> 16, three = w >> 8, lead_of_three = three & 0xFFFF;
  return (last == ' ') | (last - 0x09 <= 0x0D - 0x09) | (two == 0xA0C2) | (two == 0xADC2) | (three == 0x809AE1) |
         (three == 0x8080E3) | (three == 0xBFBBEF) |
         ((lead_of_three == 0x80E2) & ((last <= 0x8D) | (last == 0xA8) | (last == 0xA9) | (last == 0xAF))) |
         ((lead_of_three == 0x81E2) & ((last == 0x9F) | (last == 0xA0)));
}

}  // namespace utf8_detail

// trim_unicode_view for texts whose first and last characters vary from row to row (course names,
// nicknames: ASCII, Chinese, emoji, full-width brackets), with the same result. The general one's checks
// branch on which kind each end is, and went either way at random there: trimming the courses and
// nicknames of a 100,000-row export took 2 ms of its 19 ms import and plan. Here both ends are judged
// with table lookups and word compares, and the only branch is whether anything may need removing.
inline std::string_view trim_unicode_view_varied(std::string_view text) {
  const size_t n = text.size();
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  if (n >= 4 && !(utf8_detail::kMayStartBlank.of[u[0]] | utf8_detail::ends_with_blank(u + n))) return text;
  return trim_unicode_view(text);  // short, or something at an end may be removed
}

// Whether trim_unicode_view(text) is empty, deciding most texts from their first byte.
inline bool is_blank_text(std::string_view text) {
  if (!text.empty() && !utf8_detail::kMayStartBlank.of[static_cast<unsigned char>(text[0])]) return false;
  return trim_unicode_view(text).empty();
}

}  // namespace ss
