// ascii_words.h — checks of ASCII text eight bytes at a time (SWAR), for the importer's shortcuts: a
// cell's bytes are tested in one or two words instead of a loop whose exit followed the cell's length.
#pragma once

#include <cstdint>
#include <cstring>

namespace ss {

// The eight bytes at `p`, little-endian (x86-64 and wasm): byte k is bits 8k..8k+7.
inline uint64_t word_at(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The top bit of each byte of `w` that is not an ASCII digit, per byte without a carry into the next:
// t = byte ^ '0' is below 10 exactly for digits, (t & 0x7F) + 0x76 reaches 0x80 from 10 up, and t's own
// top bit covers bytes from 0x80.
inline uint64_t non_digit_tops(uint64_t w) {
  const uint64_t t = w ^ 0x3030303030303030ULL;
  return (((t & 0x7F7F7F7F7F7F7F7FULL) + 0x7676767676767676ULL) | t) & 0x8080808080808080ULL;
}

}  // namespace ss
