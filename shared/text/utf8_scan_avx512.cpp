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

// Non-zero lanes where the 64 bytes at `at` break UTF-8 (given the three bytes before them); the same
// steps as the AVX2 loop's block_errors.
SS_TARGET_AVX512 inline __m512i block_errors(const unsigned char* at, __m512i bytes) {
  const __m512i low_nibble = _mm512_set1_epi8(0x0F);
  const __m512i prev1 = load64(at - 1);
  const __m512i special = _mm512_and_si512(
      _mm512_and_si512(_mm512_shuffle_epi8(table16(kPrev1High), _mm512_and_si512(_mm512_srli_epi16(prev1, 4), low_nibble)),
                       _mm512_shuffle_epi8(table16(kPrev1Low), _mm512_and_si512(prev1, low_nibble))),
      _mm512_shuffle_epi8(table16(kByteHigh), _mm512_and_si512(_mm512_srli_epi16(bytes, 4), low_nibble)));
  const __m512i third = _mm512_subs_epu8(load64(at - 2), _mm512_set1_epi8(static_cast<char>(kThirdByteBias)));
  const __m512i fourth = _mm512_subs_epu8(load64(at - 3), _mm512_set1_epi8(static_cast<char>(kFourthByteBias)));
  const __m512i due = _mm512_and_si512(_mm512_or_si512(third, fourth), _mm512_set1_epi8(static_cast<char>(0x80)));
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
  const __m512i line_feed = _mm512_set1_epi8('\n'), carriage_return = _mm512_set1_epi8('\r'), tab = _mm512_set1_epi8('\t');
  const __m512i space = _mm512_set1_epi8(' ');
  for (; i + 64 <= n; i += 64) {
    const unsigned char* at = p + i;
    const __m512i b = load64(at);
    const __mmask64 lf = _mm512_cmpeq_epi8_mask(b, line_feed);
    line_feeds += static_cast<size_t>(__builtin_popcountll(lf));
    // Bytes i-3 .. i+63 all ASCII: nothing to check.
    if (_mm512_movepi8_mask(_mm512_or_si512(b, load64(at - 3))) != 0) errors = _mm512_or_si512(errors, block_errors(at, b));
    // Below a space but not a tab, LF or CR: a superset of the counted controls (form feeds too).
    const __mmask64 allowed = lf | _mm512_cmpeq_epi8_mask(b, carriage_return) | _mm512_cmpeq_epi8_mask(b, tab);
    if ((_mm512_cmplt_epu8_mask(b, space) & ~allowed) != 0) count_controls_of(at, 64, scan);
  }
  scan.line_feeds += line_feeds;
  return _mm512_test_epi8_mask(errors, errors) == 0;
}

}  // namespace ss

#endif  // SS_UTF8_SCAN_AVX2
