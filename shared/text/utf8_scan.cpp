// utf8_scan.cpp — scan_utf8_text (see utf8.h): UTF-8 validation and control-byte counting of a whole
// file, sixteen bytes per step.
//
// Why vectors: this pass reads every byte of every upload, and a 小鹅通 export is ~40 % Chinese, which
// a byte-at-a-time validator walks one sequence at a time (it was the slowest stage of an import).
// Written with GCC/Clang vector extensions, so the same code becomes SSE2 natively and SIMD128 in wasm
// (-msimd128, cmake/emscripten.cmake); without SIMD support it still compiles, to scalar code.
//
// The check per block, for each byte b with its three predecessors b1, b2, b3 (read with unaligned
// loads one to three bytes earlier): b must be a continuation byte exactly when b1 is a lead byte, b2 a
// three- or four-byte lead, or b3 a four-byte lead; C0, C1 and F5–FF never occur; and the second byte
// after E0, ED, F0 and F4 is range-checked (overlongs, surrogates, > U+10FFFF). The first bytes and the
// tail go through the scalar validator.
#include <cstdint>
#include <cstring>

#include "text/byte_vectors.h"
#include "text/utf8.h"

namespace ss {
namespace {

void count_control(unsigned char c, Utf8TextScan& scan) {
  if (c == 0) scan.has_nul = true;
  if (c == '\n') ++scan.line_feeds;
  if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++scan.controls;
}

// Byte-wise from `i` until at least `until` (ending on a sequence boundary). False on invalid UTF-8.
bool scan_scalar(const unsigned char* p, size_t& i, size_t until, size_t n, Utf8TextScan& scan) {
  while (i < until) {
    if (p[i] < 0x80) {
      count_control(p[i], scan);
      ++i;
      continue;
    }
    const size_t len = utf8_sequence_length(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

Utf8TextScan scan_utf8_text(std::string_view s) {
  Utf8TextScan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  // Three bytes of history for the first block.
  if (!scan_scalar(p, i, n < 3 ? n : 3, n, scan)) return {false, scan.has_nul, scan.controls};

  ByteVector errors = {};
  // Line feeds counted per lane (a lane counts at most one per block), added up every 255 blocks.
  ByteVector line_feed_lanes = {};
  unsigned blocks_since_sum = 0;
  const auto sum_line_feeds = [&] {
    for (int k = 0; k < 16; ++k) scan.line_feeds += line_feed_lanes[k];
    line_feed_lanes = ByteVector{};
    blocks_since_sum = 0;
  };
  const size_t vector_start = i;
  for (; i + 16 <= n; i += 16) {
    if (++blocks_since_sum == 255) sum_line_feeds();
    const ByteVector b = load_bytes(p + i);
    const ByteVector b3 = load_bytes(p + i - 3);
    const uint32_t high = lane_bits(b | b3);
    if (high == 0) {
      // Bytes i-3 .. i+15 are ASCII: no sequence to check, only controls (tab, CR, LF and FF are text).
      if (lane_bits(SS_LANES(b < 0x20)) != 0) {
        line_feed_lanes -= SS_LANES(b == '\n');
        const ByteVector control = SS_LANES(b < 0x20) & SS_LANES(b != '\t') & SS_LANES(b != '\n') &
                                   SS_LANES(b != '\r') & SS_LANES(b != '\f');
        if (lane_bits(control) != 0) {
          for (size_t k = 0; k < 16; ++k) {
            if (p[i + k] != '\n') count_control(p[i + k], scan);  // line feeds are counted above
          }
        }
      }
      continue;
    }
    const ByteVector b1 = load_bytes(p + i - 1);
    const ByteVector b2 = load_bytes(p + i - 2);
    // Continuation bytes 80–BF are the signed bytes below -64. A lane needs one where the result of the
    // saturating subtractions is non-zero (b1 >= C0, b2 >= E0, b3 >= F0).
    const ByteVector continuation = SS_LANES(as_signed(b) < -64);
    const ByteVector not_required =
        SS_LANES((saturating_sub(b1, splat(0xBF)) | saturating_sub(b2, splat(0xDF)) | saturating_sub(b3, splat(0xEF))) == 0);
    errors |= ~(continuation ^ not_required);                     // continuation exactly where required
    errors |= SS_LANES((b & 0xFE) == 0xC0) | saturating_sub(b, splat(0xF4));  // C0, C1, F5–FF never occur
    // Second bytes after E0, ED, F0, F4 are range-checked; these leads are rare in Chinese text.
    const ByteVector special = SS_LANES(b1 == 0xE0) | SS_LANES(b1 == 0xED) | SS_LANES(b1 == 0xF0) | SS_LANES(b1 == 0xF4);
    if (lane_bits(special) != 0) {
      errors |= (SS_LANES(b1 == 0xE0) & SS_LANES(b < 0xA0)) | (SS_LANES(b1 == 0xED) & SS_LANES(b > 0x9F)) |
                (SS_LANES(b1 == 0xF0) & SS_LANES(b < 0x90)) | (SS_LANES(b1 == 0xF4) & SS_LANES(b > 0x8F));
    }
    const ByteVector control = SS_LANES(b < 0x20) & SS_LANES(b != '\t') & SS_LANES(b != '\n') &
                               SS_LANES(b != '\r') & SS_LANES(b != '\f');
    line_feed_lanes -= SS_LANES(b == '\n');
    if (lane_bits(control) != 0) {  // rare in text: count them one by one
      for (size_t k = 0; k < 16; ++k) {
        if (p[i + k] != '\n') count_control(p[i + k], scan);  // line feeds are counted above
      }
    }
  }
  sum_line_feeds();
  if (lane_bits(SS_LANES(errors != 0)) != 0) return {false, scan.has_nul, scan.controls};

  // The tail, from the start of the sequence holding the last vector byte (which may continue past it).
  if (i > vector_start) {
    size_t k = i - 1;
    while (k > vector_start && (p[k] & 0xC0) == 0x80) --k;
    if (p[k] >= 0x80) i = k;  // re-validated whole; continuation bytes are never counted as controls
  }
  if (!scan_scalar(p, i, n, n, scan)) return {false, scan.has_nul, scan.controls};
  return scan;
}

}  // namespace ss
