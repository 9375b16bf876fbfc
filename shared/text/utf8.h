// utf8.h — small UTF-8 helpers shared by the decoder, header matching and value cleaning.
//
// Why hand-written: the engine must behave identically natively and in wasm, and needs only a few
// operations (validate, walk code points, fold full-width ASCII, trim Unicode spaces). No locale is used:
// std::isspace & co. depend on the C locale and know nothing of U+3000.
#pragma once

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

}  // namespace ss
