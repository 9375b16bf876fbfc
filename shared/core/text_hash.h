// text_hash.h — a fast, deterministic 64-bit hash for the engine's hash indexes (same value natively and
// in wasm, so plans and their order never depend on the platform).
//
// Why not std::hash<std::string_view>: libstdc++'s is a byte-wise Murmur variant and libc++'s differs
// from it; planning a 100,000-row file hashes every 用户ID and course, eight bytes at a time here.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/byte_vectors.h"

namespace ss {

// MurmurHash3's finaliser: every input bit affects every output bit (the indexes use low and high bits).
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t hash_text(std::string_view s) {
  // Two independent lanes of sixteen bytes per step (the multiplications overlap); the tail is read as
  // the last sixteen (or eight) bytes again, overlapping, so no byte loop for IDs and course names.
  constexpr uint64_t kMulA = 0x9E3779B97F4A7C15ULL, kMulB = 0xC2B2AE3D27D4EB4FULL;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t a = n * kMulA, b = ~n * kMulB;
  const auto word = [p](size_t at) {
    uint64_t w;
    std::memcpy(&w, p + at, 8);  // little-endian on every target (x86-64, wasm)
    return w;
  };
  const auto step = [&](uint64_t wa, uint64_t wb) {
    a = (a ^ wa) * kMulA;
    b = (b ^ wb) * kMulB;
    a ^= a >> 29;
    b ^= b >> 31;
  };
  if (n >= 16) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) step(word(i), word(i + 8));
    if (i < n) step(word(n - 16), word(n - 8));
  } else if (n >= 8) {
    step(word(0), word(n - 8));
  } else {
    uint64_t w = 0;
    for (size_t i = 0; i < n; ++i) w |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    step(w, 0);
  }
  return mix64(a ^ (b * kMulA));
}

// Equality of short texts (IDs, course names, nicknames) without a call to memcmp, and with the size
// as the only branch for up to 48 bytes: overlapping loads cover the text (two words up to 16 bytes,
// three 16-byte vectors up to 48), and their differences are or-ed. Why: planning compares every row's
// 用户ID, course and nickname, whose sizes vary from row to row; a loop whose trip count followed the
// size mispredicted its exit about once per comparison (make_plan of a 100,000-row export, with
// the course cache's change of the same commit: 13.1 -> 11.8 ms).
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
inline bool equal_text(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 16) {
    ByteVector diff = load_bytes(x + n - 16) ^ load_bytes(y + n - 16);
    if (n <= 48) {
      const size_t mid = n / 2 - 8;
      diff |= (load_bytes(x) ^ load_bytes(y)) | (load_bytes(x + mid) ^ load_bytes(y + mid));
    } else {
      for (size_t i = 0; i + 16 < n; i += 16) diff |= load_bytes(x + i) ^ load_bytes(y + i);
    }
    return lane_bits(SS_LANES(diff != 0)) == 0;
  }
  const auto word = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  if (n >= 8) return ((word(x) ^ word(y)) | (word(x + n - 8) ^ word(y + n - 8))) == 0;
  if (n >= 4) {
    uint32_t h[4];
    std::memcpy(&h[0], x, 4);
    std::memcpy(&h[1], y, 4);
    std::memcpy(&h[2], x + n - 4, 4);
    std::memcpy(&h[3], y + n - 4, 4);
    return ((h[0] ^ h[1]) | (h[2] ^ h[3])) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

}  // namespace ss
