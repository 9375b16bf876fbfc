// utf8_scan.cpp — scan_utf8_text (see utf8.h): UTF-8 validation and control-byte counting of a whole
// file, sixty-four bytes per step.
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
//
// Why four blocks per step, with every branch taken per step and not per block: in a Chinese export
// ASCII and Chinese alternate every few dozen bytes, and line ends come every ~90 bytes, so branches
// per sixteen bytes ("all ASCII?", "any control?") were taken at random and their mispredictions cost
// more than the checks they skipped. Per sixty-four bytes they go the same way almost every time: a
// Chinese file never has an all-ASCII step, an English one nearly always does, and the rare branches
// (control bytes other than tab/CR/LF, the E0/ED/F0/F4 leads) stay rare.
#include <cstdint>
#include <cstring>

#include "core/byte_vectors.h"
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

// Controls and NULs of `size` bytes, one by one; line feeds are counted by the vector lanes.
void count_controls_of(const unsigned char* p, size_t size, Utf8TextScan& scan) {
  for (size_t k = 0; k < size; ++k) {
    if (p[k] != '\n') count_control(p[k], scan);
  }
}

// Lanes below 0x20 other than tab, LF and CR: a superset of the counted controls (form feeds too), so
// that the exact count runs only where one may be; tab is left out because Excel's tab guards put one
// in every cell of a column.
inline ByteVector odd_controls(ByteVector b, ByteVector line_feeds) {
  const ByteVector below_space = SS_LANES(saturating_sub(b, splat(0x1F)) == 0);
  return below_space & ~(line_feeds | SS_LANES(b == '\r') | SS_LANES(b == '\t'));
}

// Non-zero lanes where the block at `at` (whose bytes are `b`) breaks UTF-8, except for the second-byte
// limits after E0, ED, F0 and F4: lanes that may hold one of those leads before them are or-ed into
// `special_leads` (non-zero, not necessarily all-ones), for second_byte_errors to look at.
inline ByteVector sequence_errors(const unsigned char* at, ByteVector b, ByteVector& special_leads) {
  const ByteVector b1 = load_bytes(at - 1);
  const ByteVector b2 = load_bytes(at - 2);
  const ByteVector b3 = load_bytes(at - 3);
  // Continuation bytes 80–BF are the signed bytes below -64. A lane needs one where the result of the
  // saturating subtractions is non-zero (b1 >= C0, b2 >= E0, b3 >= F0).
  const ByteVector continuation = SS_LANES(as_signed(b) < -64);
  const ByteVector not_required =
      SS_LANES((saturating_sub(b1, splat(0xBF)) | saturating_sub(b2, splat(0xDF)) | saturating_sub(b3, splat(0xEF))) == 0);
  // F0–FF stand in for F0 and F4: one subtraction instead of two comparisons, and four-byte leads are rare.
  special_leads |= SS_LANES(b1 == 0xE0) | SS_LANES(b1 == 0xED) | saturating_sub(b1, splat(0xEF));
  return ~(continuation ^ not_required)                            // continuation exactly where required
         | SS_LANES((b & 0xFE) == 0xC0) | saturating_sub(b, splat(0xF4));  // C0, C1, F5–FF never occur
}

// Second bytes after E0, ED, F0 and F4 out of their narrower ranges (overlongs, surrogates, > U+10FFFF).
inline ByteVector second_byte_errors(const unsigned char* at) {
  const ByteVector b = load_bytes(at);
  const ByteVector b1 = load_bytes(at - 1);
  return (SS_LANES(b1 == 0xE0) & SS_LANES(b < 0xA0)) | (SS_LANES(b1 == 0xED) & SS_LANES(b > 0x9F)) |
         (SS_LANES(b1 == 0xF0) & SS_LANES(b < 0x90)) | (SS_LANES(b1 == 0xF4) & SS_LANES(b > 0x8F));
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
  // Line feeds counted per lane (a lane counts at most four per step), added up before a lane can wrap.
  ByteVector line_feed_lanes = {};
  unsigned steps_since_sum = 0;
  const auto sum_line_feeds = [&] {
    for (int k = 0; k < 16; ++k) scan.line_feeds += line_feed_lanes[k];
    line_feed_lanes = ByteVector{};
    steps_since_sum = 0;
  };
  const size_t vector_start = i;
  for (; i + 64 <= n; i += 64) {
    if (++steps_since_sum == 63) sum_line_feeds();
    const unsigned char* at = p + i;
    const ByteVector b0 = load_bytes(at), b1 = load_bytes(at + 16), b2 = load_bytes(at + 32), b3 = load_bytes(at + 48);
    const ByteVector lf0 = SS_LANES(b0 == '\n'), lf1 = SS_LANES(b1 == '\n'), lf2 = SS_LANES(b2 == '\n'),
                     lf3 = SS_LANES(b3 == '\n');
    line_feed_lanes -= (lf0 + lf1) + (lf2 + lf3);
    const ByteVector odd = odd_controls(b0, lf0) | odd_controls(b1, lf1) | odd_controls(b2, lf2) | odd_controls(b3, lf3);
    // Bytes i-3 .. i+63 all ASCII: no sequence to check.
    if (lane_bits(b0 | b1 | b2 | b3 | load_bytes(at - 3)) != 0) {
      ByteVector special = {};
      errors |= sequence_errors(at, b0, special) | sequence_errors(at + 16, b1, special) |
                sequence_errors(at + 32, b2, special) | sequence_errors(at + 48, b3, special);
      if (lane_bits(SS_LANES(special != 0)) != 0) {
        errors |= second_byte_errors(at) | second_byte_errors(at + 16) | second_byte_errors(at + 32) |
                  second_byte_errors(at + 48);
      }
    }
    if (lane_bits(odd) != 0) count_controls_of(at, 64, scan);
  }
  for (; i + 16 <= n; i += 16) {  // the last whole blocks (fewer than four, so no lane can wrap)
    const ByteVector b = load_bytes(p + i);
    const ByteVector lf = SS_LANES(b == '\n');
    line_feed_lanes -= lf;
    ByteVector special = {};
    errors |= sequence_errors(p + i, b, special) | second_byte_errors(p + i);
    if (lane_bits(odd_controls(b, lf)) != 0) count_controls_of(p + i, 16, scan);
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
