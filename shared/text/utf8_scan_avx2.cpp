// utf8_scan_avx2.cpp — see utf8_scan_vectors.h.
//
// UTF-8 validation by table lookups (utf8_lookup_tables.h), 32 bytes per vector. Why here and not in the
// portable loop: the lookups are one AVX2 instruction (vpshufb) per 32 bytes, where SSE2 has none; they
// halve the instructions of the comparison chains, and decoding a 100,000-row export took 2.4 ms, as
// much as splitting it into cells (now 1.35 ms).
#include "text/utf8_scan_vectors.h"

#if SS_UTF8_SCAN_AVX2
#include <immintrin.h>

#include <cstdint>

#include "text/utf8_lookup_tables.h"

namespace ss {
namespace {

using namespace utf8_lookup;

// A 16-entry table in both 128-bit halves (vpshufb looks up within each half).
__attribute__((target("avx2"))) inline __m256i table16(const uint8_t* t) {
  return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t)));
}

__attribute__((target("avx2"))) inline __m256i load32(const unsigned char* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// Non-zero lanes where the 32 bytes at `at` break UTF-8 (given the three bytes before them).
__attribute__((target("avx2"))) inline __m256i block_errors(const unsigned char* at, __m256i bytes) {
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  const __m256i prev1 = load32(at - 1);
  const __m256i prev1_high = table16(kPrev1High), prev1_low = table16(kPrev1Low), byte_high = table16(kByteHigh);
  const __m256i special = _mm256_and_si256(
      _mm256_and_si256(_mm256_shuffle_epi8(prev1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble)),
                       _mm256_shuffle_epi8(prev1_low, _mm256_and_si256(prev1, low_nibble))),
      _mm256_shuffle_epi8(byte_high, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), low_nibble)));
  // The top bit where the byte two back is a three- or four-byte lead, or the byte three back a
  // four-byte lead: there a second continuation in a row is due, and kTwoConts is no error.
  const __m256i third = _mm256_subs_epu8(load32(at - 2), _mm256_set1_epi8(static_cast<char>(kThirdByteBias)));
  const __m256i fourth = _mm256_subs_epu8(load32(at - 3), _mm256_set1_epi8(static_cast<char>(kFourthByteBias)));
  const __m256i due = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(due, special);
}

// Lanes holding a byte below 0x20 other than tab, LF and CR: a superset of the counted controls (form
// feeds too), so that the exact count runs only where one may be.
__attribute__((target("avx2"))) inline __m256i odd_controls(__m256i b, __m256i line_feeds) {
  const __m256i below_space = _mm256_cmpeq_epi8(_mm256_max_epu8(b, _mm256_set1_epi8(0x1F)), _mm256_set1_epi8(0x1F));
  const __m256i allowed = _mm256_or_si256(line_feeds, _mm256_or_si256(_mm256_cmpeq_epi8(b, _mm256_set1_epi8('\r')),
                                                                      _mm256_cmpeq_epi8(b, _mm256_set1_epi8('\t'))));
  return _mm256_andnot_si256(allowed, below_space);
}

// Line feeds per lane (-1 per LF, subtracted), as sums of eight lanes.
__attribute__((target("avx2"))) inline uint64_t lane_sum(__m256i counts) {
  const __m256i sums = _mm256_sad_epu8(counts, _mm256_setzero_si256());
  return static_cast<uint64_t>(_mm256_extract_epi64(sums, 0)) + static_cast<uint64_t>(_mm256_extract_epi64(sums, 1)) +
         static_cast<uint64_t>(_mm256_extract_epi64(sums, 2)) + static_cast<uint64_t>(_mm256_extract_epi64(sums, 3));
}

}  // namespace

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

__attribute__((target("avx2"))) bool scan_utf8_blocks_avx2(const unsigned char* p, size_t& i, size_t n,
                                                            Utf8TextScan& scan) {
  __m256i errors = _mm256_setzero_si256();
  __m256i line_feed_lanes = _mm256_setzero_si256();  // at most two per lane per step
  unsigned steps = 0;
  const __m256i line_feed = _mm256_set1_epi8('\n');
  size_t at_byte = i;  // a local: through the reference, every step stored it
  for (;;) {
    // The steps up to a block that may hold a control byte: no call inside, which would clobber every
    // vector register (and the tables with them) on every step.
    bool controls = false;
    for (; at_byte + 64 <= n; at_byte += 64) {
      if (++steps == 127) {  // before a lane could wrap
        scan.line_feeds += lane_sum(line_feed_lanes);
        line_feed_lanes = _mm256_setzero_si256();
        steps = 0;
      }
      const unsigned char* at = p + at_byte;
      const __m256i b0 = load32(at), b1 = load32(at + 32);
      const __m256i lf0 = _mm256_cmpeq_epi8(b0, line_feed), lf1 = _mm256_cmpeq_epi8(b1, line_feed);
      line_feed_lanes = _mm256_sub_epi8(line_feed_lanes, _mm256_add_epi8(lf0, lf1));
      // Bytes i-3 .. i+63 all ASCII: nothing to check (the per-step branch of utf8_scan.cpp's comment).
      if (_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(b0, b1), load32(at - 3))) != 0) {
        errors = _mm256_or_si256(errors, _mm256_or_si256(block_errors(at, b0), block_errors(at + 32, b1)));
      }
      if (_mm256_movemask_epi8(_mm256_or_si256(odd_controls(b0, lf0), odd_controls(b1, lf1))) != 0) {
        controls = true;
        break;
      }
    }
    if (!controls) break;
    count_controls_of(p + at_byte, 64, scan);
    at_byte += 64;
  }
  i = at_byte;
  for (; i + 32 <= n; i += 32) {  // the last whole block (at most one)
    const __m256i b = load32(p + i);
    const __m256i lf = _mm256_cmpeq_epi8(b, line_feed);
    line_feed_lanes = _mm256_sub_epi8(line_feed_lanes, lf);
    errors = _mm256_or_si256(errors, block_errors(p + i, b));
    if (_mm256_movemask_epi8(odd_controls(b, lf)) != 0) count_controls_of(p + i, 32, scan);
  }
  scan.line_feeds += lane_sum(line_feed_lanes);
  return _mm256_testz_si256(errors, errors) != 0;
}

}  // namespace ss

#endif  // SS_UTF8_SCAN_AVX2
