// utf8.cpp — see utf8.h.
#include "text/utf8.h"

#include <cstdint>
#include <cstring>

namespace ss {

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

uint64_t load8(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

}  // namespace

size_t utf8_sequence_length(const unsigned char* p, size_t left) {
  const unsigned char c = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (len > left) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (p[k] < 0x80 || p[k] > 0xBF) return 0;
  }
  return len;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && (load8(p + i) & kHighBits) == 0) {
      i += 8;
      continue;
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = utf8_sequence_length(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

char32_t next_code_point(std::string_view s, size_t& pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || pos + len > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> (len - 1));
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_unicode_space(char32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_zero_width(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

char32_t fold_full_width(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return ' ';
  return cp;
}

std::string fold_full_width(std::string_view text) {
  // Fast path: full-width forms are U+FF01..U+FF5E (lead byte 0xEF) and U+3000 (0xE3 0x80 0x80).
  if (text.find('\xEF') == std::string_view::npos && text.find("\xE3\x80\x80") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) append_utf8(out, fold_full_width(next_code_point(text, pos)));
  return out;
}

std::string trim_unicode(std::string_view text) { return std::string(trim_unicode_view(text)); }

namespace {

// Whether the character whose bytes are c[0, size) is one trim_unicode removes (a Unicode space or a
// zero-width character), decided from its bytes: U+00A0, U+00AD, U+1680, U+2000–U+200D, U+2028, U+2029,
// U+202F, U+205F, U+2060, U+3000, U+FEFF, or an ASCII blank.
bool is_blank_sequence(const unsigned char* c, size_t size) {
  if (size == 1) return c[0] == ' ' || (c[0] >= 0x09 && c[0] <= 0x0D);
  if (size == 2) return c[0] == 0xC2 && (c[1] == 0xA0 || c[1] == 0xAD);
  if (size != 3) return false;
  switch (c[0]) {
    case 0xE1: return c[1] == 0x9A && c[2] == 0x80;
    case 0xE2:
      if (c[1] == 0x80) return c[2] <= 0x8D || c[2] == 0xA8 || c[2] == 0xA9 || c[2] == 0xAF;
      return c[1] == 0x81 && (c[2] == 0x9F || c[2] == 0xA0);
    case 0xE3: return c[1] == 0x80 && c[2] == 0x80;
    case 0xEF: return c[1] == 0xBB && c[2] == 0xBF;
    default: return false;
  }
}

}  // namespace

std::string_view trim_unicode_view_slow(std::string_view text) {
  {  // The edges decided from their bytes (full-width brackets, emoji, ...), without decoding.
    const size_t n = text.size();
    const auto* u = reinterpret_cast<const unsigned char*>(text.data());
    const size_t first_size = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
    size_t last = n - 1;
    while (last > 0 && n - last < 4 && (u[last] & 0xC0) == 0x80) --last;
    const size_t last_size = u[last] < 0x80 ? 1 : u[last] >= 0xF0 ? 4 : u[last] >= 0xE0 ? 3 : 2;
    if (first_size <= n && last_size == n - last && !is_blank_sequence(u, first_size) &&
        !is_blank_sequence(u + last, last_size)) {
      return text;
    }
  }
  // Byte-wise from both ends (cells are mostly ASCII), decoding only non-ASCII code points at the edges.
  const auto blank = [](char32_t cp) { return is_unicode_space(cp) || is_zero_width(cp); };
  // The ASCII blanks, inline: this runs on every cell of a 100,000-row file.
  const auto ascii_blank = [](unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); };
  size_t begin = 0;
  while (begin < text.size()) {
    const auto c = static_cast<unsigned char>(text[begin]);
    if (c < 0x80) {
      if (!ascii_blank(c)) break;
      ++begin;
      continue;
    }
    size_t next = begin;
    if (!blank(next_code_point(text, next))) break;
    begin = next;
  }
  size_t end = text.size();
  while (end > begin) {
    const auto c = static_cast<unsigned char>(text[end - 1]);
    if (c < 0x80) {
      if (!ascii_blank(c)) break;
      --end;
      continue;
    }
    size_t lead = end - 1;
    while (lead > begin && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
    size_t pos = lead;
    if (!blank(next_code_point(text, pos)) || pos != end) break;
    end = lead;
  }
  return text.substr(begin, end - begin);
}

}  // namespace ss
