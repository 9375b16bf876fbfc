// utf8_scan_simd128.cpp — see utf8_scan_vectors.h: the wasm loop, UTF-8 validation by table lookups
// (utf8_lookup_tables.h) with i8x16.swizzle, 16 bytes per vector and four per step.
//
// Why not the portable loop of utf8_scan.cpp: its comparison chains take about twice the instructions,
// and in the page this pass reads every byte of every upload.
#include "text/utf8_scan_vectors.h"

#if SS_UTF8_SCAN_SIMD128
#include <wasm_simd128.h>

#include <cstdint>

#include "text/utf8_lookup_tables.h"

namespace ss {
namespace {

using namespace utf8_lookup;

inline v128_t load16(const unsigned char* p) { return wasm_v128_load(p); }

// Non-zero lanes where the 16 bytes at `at` break UTF-8 (given the three bytes before them).
inline v128_t block_errors(const unsigned char* at, v128_t bytes) {
  const v128_t prev1 = load16(at - 1);
  const v128_t special = wasm_v128_and(
      wasm_v128_and(wasm_i8x16_swizzle(wasm_v128_load(kPrev1High), wasm_u8x16_shr(prev1, 4)),
                    wasm_i8x16_swizzle(wasm_v128_load(kPrev1Low), wasm_v128_and(prev1, wasm_u8x16_splat(0x0F)))),
      wasm_i8x16_swizzle(wasm_v128_load(kByteHigh), wasm_u8x16_shr(bytes, 4)));
  const v128_t third = wasm_u8x16_sub_sat(load16(at - 2), wasm_u8x16_splat(kThirdByteBias));
  const v128_t fourth = wasm_u8x16_sub_sat(load16(at - 3), wasm_u8x16_splat(kFourthByteBias));
  const v128_t due = wasm_v128_and(wasm_v128_or(third, fourth), wasm_u8x16_splat(0x80));
  return wasm_v128_xor(due, special);
}

// Lanes holding a byte below 0x20 other than tab, LF and CR (form feeds too: the exact count is scalar).
inline v128_t odd_controls(v128_t b, v128_t line_feeds) {
  const v128_t allowed = wasm_v128_or(line_feeds, wasm_v128_or(wasm_i8x16_eq(b, wasm_i8x16_splat('\r')),
                                                               wasm_i8x16_eq(b, wasm_i8x16_splat('\t'))));
  return wasm_v128_andnot(wasm_u8x16_lt(b, wasm_u8x16_splat(0x20)), allowed);
}

uint64_t lane_sum(v128_t counts) {
  uint8_t lanes[16];
  wasm_v128_store(lanes, counts);
  uint64_t sum = 0;
  for (uint8_t c : lanes) sum += c;
  return sum;
}

}  // namespace

bool scan_utf8_blocks_simd128(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan) {
  v128_t errors = wasm_i64x2_splat(0);
  v128_t line_feed_lanes = wasm_i64x2_splat(0);  // at most four per lane per step
  unsigned steps = 0;
  const v128_t line_feed = wasm_i8x16_splat('\n');
  for (; i + 64 <= n; i += 64) {
    if (++steps == 63) {  // before a lane could wrap
      scan.line_feeds += lane_sum(line_feed_lanes);
      line_feed_lanes = wasm_i64x2_splat(0);
      steps = 0;
    }
    const unsigned char* at = p + i;
    const v128_t b0 = load16(at), b1 = load16(at + 16), b2 = load16(at + 32), b3 = load16(at + 48);
    const v128_t lf0 = wasm_i8x16_eq(b0, line_feed), lf1 = wasm_i8x16_eq(b1, line_feed);
    const v128_t lf2 = wasm_i8x16_eq(b2, line_feed), lf3 = wasm_i8x16_eq(b3, line_feed);
    line_feed_lanes = wasm_i8x16_sub(line_feed_lanes, wasm_i8x16_add(wasm_i8x16_add(lf0, lf1), wasm_i8x16_add(lf2, lf3)));
    // Bytes i-3 .. i+63 all ASCII: nothing to check.
    const v128_t any = wasm_v128_or(wasm_v128_or(b0, b1), wasm_v128_or(wasm_v128_or(b2, b3), load16(at - 3)));
    if (wasm_i8x16_bitmask(any) != 0) {
      errors = wasm_v128_or(errors, wasm_v128_or(wasm_v128_or(block_errors(at, b0), block_errors(at + 16, b1)),
                                                 wasm_v128_or(block_errors(at + 32, b2), block_errors(at + 48, b3))));
    }
    const v128_t odd = wasm_v128_or(wasm_v128_or(odd_controls(b0, lf0), odd_controls(b1, lf1)),
                                    wasm_v128_or(odd_controls(b2, lf2), odd_controls(b3, lf3)));
    if (wasm_v128_any_true(odd)) count_controls_of(at, 64, scan);
  }
  for (; i + 16 <= n; i += 16) {  // the last whole blocks (at most three, so no lane can wrap)
    const v128_t b = load16(p + i);
    const v128_t lf = wasm_i8x16_eq(b, line_feed);
    line_feed_lanes = wasm_i8x16_sub(line_feed_lanes, lf);
    errors = wasm_v128_or(errors, block_errors(p + i, b));
    if (wasm_v128_any_true(odd_controls(b, lf))) count_controls_of(p + i, 16, scan);
  }
  scan.line_feeds += lane_sum(line_feed_lanes);
  return !wasm_v128_any_true(errors);
}

}  // namespace ss

#endif  // SS_UTF8_SCAN_SIMD128
