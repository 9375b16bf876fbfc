// byte_vectors.h — sixteen bytes at a time, the same code natively (SSE2, or AVX2 in an SS_AVX2_CLONE
// copy) and in wasm (SIMD128).
//
// Why: the importer reads every byte of an upload several times (UTF-8 check, CSV structure), and a
// byte-at-a-time loop was most of an import's time; planning compares short texts with them too.
// GCC/Clang vector extensions give the lane-wise operations portably; only "one bit per lane" needs the
// target's own instruction. Without either target the code still compiles, to scalar loops.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

// Before a function that reads a whole upload with the vectors here: GCC on x86-64 also compiles it for
// AVX2 (three-operand instructions) and picks that copy at load time on CPUs that have it. The inline
// helpers it calls are inlined into each copy. Elsewhere (wasm, Clang, and builds with
// SS_NO_CPU_CLONES, whose tests thereby cover the other copy): nothing.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(SS_NO_CPU_CLONES)
#define SS_AVX2_CLONE __attribute__((target_clones("avx2", "default")))
#else
#define SS_AVX2_CLONE
#endif

namespace ss {

typedef uint8_t ByteVector __attribute__((vector_size(16)));

inline ByteVector load_bytes(const void* p) {
  ByteVector v;
  std::memcpy(&v, p, 16);
  return v;
}

// Comparisons give all-ones/zero lanes of a signed element type: back to ByteVector.
#define SS_LANES(expr) ((ByteVector)(expr))

// Bit k set when lane k has its top bit set (lanes of comparisons are all-ones or zero).
inline uint32_t lane_bits(ByteVector v) {
#if defined(__SSE2__)
  return static_cast<uint32_t>(_mm_movemask_epi8(reinterpret_cast<__m128i>(v)));
#elif defined(__wasm_simd128__)
  return static_cast<uint32_t>(wasm_i8x16_bitmask(reinterpret_cast<v128_t>(v)));
#else
  uint32_t bits = 0;
  for (int k = 0; k < 16; ++k) bits |= static_cast<uint32_t>(v[k] >> 7) << k;
  return bits;
#endif
}

// No thirty-two-lane type: GCC compiles a comparison of 32-byte vectors for SSE2 (the default copy of an
// SS_AVX2_CLONE function, builds without clones) into one comparison per byte, 134 instructions. Loops
// over 64 bytes use four of these vectors; in an AVX2 copy that measured as fast as two 32-byte ones.

typedef int8_t SignedByteVector __attribute__((vector_size(16)));
inline SignedByteVector as_signed(ByteVector v) { return reinterpret_cast<SignedByteVector>(v); }

}  // namespace ss
