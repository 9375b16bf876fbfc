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
std::string_view trim_unicode_view(std::string_view text);

}  // namespace ss
