// utf8_scan_avx512.cpp — see utf8_scan_vectors.h.
//
// The AVX2 loop's table lookups (utf8_scan_avx2.cpp) on 64 bytes per vector, with comparisons into
// mask registers: line feeds are counted by one popcount a step instead of per-lane counters. Why: on
// CPUs with AVX-512BW it halves the instructions of the pass that decodes an upload (BM_Decode of the
// 100,000-row export: 1.39 -> 1.00 ms).
#include "text/utf8_scan_vectors.h"

#if SS_UTF8_SCAN_AVX2
#include <immintrin.h>

#include <cstdint>

#include "text/utf8_lookup_tables.h"

#define SS_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,popcnt")))

namespace ss {
namespace {

using namespace utf8_lookup;

// A 16-entry table in each 128-bit quarter (vpshufb looks up within each quarter).
SS_TARGET_AVX512 inline __m512i table16(const uint8_t* t) {
  // (The zero-masked form: the plain one trips GCC 12's -Wmaybe-uninitialized on its undefined source.)
  return _mm512_maskz_broadcast_i32x4(0xFFFF, _mm_load_si128(reinterpret_cast<const __m128i*>(t)));
}

SS_TARGET_AVX512 inline __m512i load64(const unsigned char* p) { return _mm512_loadu_si512(p); }

// The loop's constants, made once per call. Why a struct pinned to registers (kept()): GCC otherwise
// rebuilt each broadcast from a general register inside the loop, on the vector port the loop is short
// of; with a call in the loop it rebuilt the lookup tables too (BM_Decode of the 100,000-row export
// 1.02 -> 0.78 ms).
struct Constants {
  __m512i prev1_high, prev1_low, byte_high;  // lookup tables
  __m512i low_nibble, third_bias, fourth_bias, high_bit;
  __m512i line_feed, carriage_return, tab, space;
};

// `v` as a value the compiler cannot see through: it stays in its register rather than being rebuilt.
SS_TARGET_AVX512 inline void kept(__m512i& v) { asm("" : "+v"(v)); }

SS_TARGET_AVX512 inline Constants make_constants() {
  Constants c;
  c.prev1_high = table16(kPrev1High);
  c.prev1_low = table16(kPrev1Low);
  c.byte_high = table16(kByteHigh);
  c.low_nibble = _mm512_set1_epi8(0x0F);
  c.third_bias = _mm512_set1_epi8(static_cast<char>(kThirdByteBias));
  c.fourth_bias = _mm512_set1_epi8(static_cast<char>(kFourthByteBias));
  c.high_bit = _mm512_set1_epi8(static_cast<char>(0x80));
  c.line_feed = _mm512_set1_epi8('\n');
  c.carriage_return = _mm512_set1_epi8('\r');
  c.tab = _mm512_set1_epi8('\t');
  c.space = _mm512_set1_epi8(' ');
  for (__m512i* v : {&c.prev1_high, &c.prev1_low, &c.byte_high, &c.low_nibble, &c.third_bias, &c.fourth_bias,
                     &c.high_bit, &c.line_feed, &c.carriage_return, &c.tab, &c.space}) {
    kept(*v);
  }
  return c;
}

// Non-zero lanes where the 64 bytes at `at` break UTF-8 (given the three bytes before them); the same
// steps as the AVX2 loop's block_errors.
SS_TARGET_AVX512 inline __m512i block_errors(const Constants& c, const unsigned char* at, __m512i bytes) {
  const __m512i prev1 = load64(at - 1);
  const __m512i special = _mm512_and_si512(
      _mm512_and_si512(_mm512_shuffle_epi8(c.prev1_high, _mm512_and_si512(_mm512_srli_epi16(prev1, 4), c.low_nibble)),
                       _mm512_shuffle_epi8(c.prev1_low, _mm512_and_si512(prev1, c.low_nibble))),
      _mm512_shuffle_epi8(c.byte_high, _mm512_and_si512(_mm512_srli_epi16(bytes, 4), c.low_nibble)));
  const __m512i third = _mm512_subs_epu8(load64(at - 2), c.third_bias);
  const __m512i fourth = _mm512_subs_epu8(load64(at - 3), c.fourth_bias);
  const __m512i due = _mm512_and_si512(_mm512_or_si512(third, fourth), c.high_bit);
  return _mm512_xor_si512(due, special);
}

}  // namespace

bool cpu_has_avx512bw() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
  return has;
}

SS_TARGET_AVX512 bool scan_utf8_blocks_avx512(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan) {
  __m512i errors = _mm512_setzero_si512();
  size_t line_feeds = 0;
  size_t at_byte = i;  // a local: through the reference, every step stored it
  for (;;) {
    // The steps up to a block that may hold a control byte: no call inside, which would clobber every
    // vector register (and the constants with them) on every step.
    const Constants c = make_constants();
    bool controls = false;
    for (; at_byte + 64 <= n; at_byte += 64) {
      const unsigned char* at = p + at_byte;
      const __m512i b = load64(at);
      const __mmask64 lf = _mm512_cmpeq_epi8_mask(b, c.line_feed);
      line_feeds += static_cast<size_t>(__builtin_popcountll(lf));
      // Bytes i-3 .. i+63 all ASCII: nothing to check.
      if (_mm512_movepi8_mask(_mm512_or_si512(b, load64(at - 3))) != 0) errors = _mm512_or_si512(errors, block_errors(c, at, b));
      // Below a space but not a tab, LF or CR: a superset of the counted controls (form feeds too). Each
      // comparison masked by the one before, so that the masks never leave the mask registers.
      const __mmask64 odd = _mm512_mask_cmpneq_epi8_mask(
          _mm512_mask_cmpneq_epi8_mask(_mm512_mask_cmpneq_epi8_mask(_mm512_cmplt_epu8_mask(b, c.space), b, c.line_feed), b,
                                       c.carriage_return),
          b, c.tab);
      if (odd != 0) {
        controls = true;
        break;
      }
    }
    if (!controls) break;
    count_controls_of(p + at_byte, 64, scan);
    at_byte += 64;
  }
  i = at_byte;
  scan.line_feeds += line_feeds;
  return _mm512_test_epi8_mask(errors, errors) == 0;
}

}  // namespace ss

#endif  // SS_UTF8_SCAN_AVX2
