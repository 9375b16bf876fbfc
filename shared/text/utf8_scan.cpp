// utf8_scan.cpp — scan_utf8_text (see utf8.h): UTF-8 validation and control-byte counting of a whole
// file, sixty-four bytes per step.
//
// Why vectors: this pass reads every byte of every upload, and a 小鹅通 export is ~40 % Chinese, which
// a byte-at-a-time validator walks one sequence at a time (it was the slowest stage of an import).
// The loop here is written with GCC/Clang vector extensions of 16 lanes (SSE2 registers; scalar code
// without SIMD) and runs on x86-64 CPUs without AVX2 and in the sanitizer build. CPUs with
// AVX2 and wasm (SIMD128) run a loop of table lookups instead, which SSE2 cannot do
// (utf8_scan_vectors.h); the scalar head and tail below are shared.
//
// The check per block, for each byte b with its three predecessors b1, b2, b3 (read with unaligned
// loads one to three bytes earlier): b must be a continuation byte exactly when b1 is a lead byte, b2 a
// three- or four-byte lead, or b3 a four-byte lead; C0, C1 and F5–FF never occur; and the second byte
// after E0, ED, F0 and F4 is range-checked (overlongs, surrogates, > U+10FFFF). The first bytes and the
// tail go through the scalar validator.
//
// Why four vectors per step, with every branch taken per step and not per vector: in a Chinese export
// ASCII and Chinese alternate every few dozen bytes, and line ends come every ~90 bytes, so branches
// per sixteen bytes ("all ASCII?", "any control?") were taken at random and their mispredictions cost
// more than the checks they skipped. Per sixty-four bytes they go the same way almost every time: a
// Chinese file never has an all-ASCII step, an English one nearly always does, and the rare branches
// (control bytes other than tab/CR/LF, the E0/ED/F0/F4 leads) stay rare.
#include <cstdint>
#include <cstring>

#include "core/byte_vectors.h"
#include "text/utf8.h"
#include "text/utf8_scan_vectors.h"

namespace ss {
namespace {

void count_control(unsigned char c, Utf8TextScan& scan) {
  if (c == 0) scan.has_nul = true;
  if (c == '\n') ++scan.line_feeds;
  if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++scan.controls;
}

}  // namespace

void count_controls_of(const unsigned char* p, size_t size, Utf8TextScan& scan) {
  for (size_t k = 0; k < size; ++k) {
    if (p[k] != '\n') count_control(p[k], scan);  // line feeds are counted by the vector lanes
  }
}

namespace {

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

// Sixteen lanes per vector, one SSE2 register (scalar code without SIMD), four per 64-byte step. Why not
// thirty-two: GCC compiles a comparison of 32-byte vectors for SSE2 into one comparison per byte (134
// instructions); this loop took 92 ms on the 100,000-row export, against the AVX-512 loop's 0.7.
using Lanes = ByteVector;
using SignedLanes = SignedByteVector;
constexpr size_t kLanes = sizeof(Lanes);

inline Lanes load_lanes(const unsigned char* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
// Non-zero exactly where b > k (unsigned): the saturating subtraction b - k, one instruction per
// register, which GCC finds in this form.
inline Lanes above(Lanes b, uint8_t k) { return (Lanes)(b > k) & (b - k); }

// Lanes below 0x20 other than tab, LF and CR: a superset of the counted controls (form feeds too), so
// that the exact count runs only where one may be; tab is left out because Excel's tab guards put one
// in every cell of a column.
inline Lanes odd_controls(Lanes b, Lanes line_feeds) {
  return SS_LANES(b < 0x20) & ~(line_feeds | SS_LANES(b == '\r') | SS_LANES(b == '\t'));
}

// Non-zero lanes where the 16 bytes at `at` (whose bytes are `b`) break UTF-8, except for the
// second-byte limits after E0, ED, F0 and F4: lanes that may hold one of those leads before them are
// or-ed into `special_leads` (non-zero, not necessarily all-ones), for second_byte_errors to look at.
inline Lanes sequence_errors(const unsigned char* at, Lanes b, Lanes& special_leads) {
  const Lanes b1 = load_lanes(at - 1);
  const Lanes b2 = load_lanes(at - 2);
  const Lanes b3 = load_lanes(at - 3);
  // Continuation bytes 80–BF are the signed bytes below -64. A lane needs one where b1 >= C0, b2 >= E0
  // or b3 >= F0.
  const Lanes continuation = SS_LANES((SignedLanes)b < -64);
  const Lanes not_required = SS_LANES((above(b1, 0xBF) | above(b2, 0xDF) | above(b3, 0xEF)) == 0);
  // F0–FF stand in for F0 and F4: one comparison instead of two, and four-byte leads are rare.
  special_leads |= SS_LANES(b1 == 0xE0) | SS_LANES(b1 == 0xED) | above(b1, 0xEF);
  return ~(continuation ^ not_required)                        // continuation exactly where required
         | SS_LANES((b & 0xFE) == 0xC0) | above(b, 0xF4);  // C0, C1, F5–FF never occur
}

// Second bytes after E0, ED, F0 and F4 out of their narrower ranges (overlongs, surrogates, > U+10FFFF).
inline Lanes second_byte_errors(const unsigned char* at) {
  const Lanes b = load_lanes(at);
  const Lanes b1 = load_lanes(at - 1);
  return (SS_LANES(b1 == 0xE0) & SS_LANES(b < 0xA0)) | (SS_LANES(b1 == 0xED) & SS_LANES(b > 0x9F)) |
         (SS_LANES(b1 == 0xF0) & SS_LANES(b < 0x90)) | (SS_LANES(b1 == 0xF4) & SS_LANES(b > 0x8F));
}

// The whole 64- and 16-byte blocks of p[i, n) from i (>= 3), portably; see scan_utf8_blocks_avx2.
[[maybe_unused]] bool scan_utf8_blocks(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan) {
  Lanes errors = {};
  // Line feeds counted per lane (a lane counts at most four per step), added up before a lane can wrap.
  Lanes line_feed_lanes = {};
  unsigned steps_since_sum = 0;
  const auto sum_line_feeds = [&] {
    for (size_t k = 0; k < kLanes; ++k) scan.line_feeds += line_feed_lanes[k];
    line_feed_lanes = Lanes{};
    steps_since_sum = 0;
  };
  for (; i + 64 <= n; i += 64) {
    if (++steps_since_sum == 63) sum_line_feeds();
    const unsigned char* at = p + i;
    Lanes b[4], any = load_lanes(at - 3), odd = {};
    for (int k = 0; k < 4; ++k) {
      b[k] = load_lanes(at + kLanes * k);
      const Lanes lf = SS_LANES(b[k] == '\n');
      line_feed_lanes -= lf;
      odd |= odd_controls(b[k], lf);
      any |= b[k];
    }
    // Bytes i-3 .. i+63 all ASCII: no sequence to check.
    if (lane_bits(any) != 0) {
      Lanes special = {};
      for (int k = 0; k < 4; ++k) errors |= sequence_errors(at + kLanes * k, b[k], special);
      if (lane_bits(SS_LANES(special != 0)) != 0) {
        for (int k = 0; k < 4; ++k) errors |= second_byte_errors(at + kLanes * k);
      }
    }
    if (lane_bits(odd) != 0) count_controls_of(at, 64, scan);
  }
  for (; i + kLanes <= n; i += kLanes) {  // the last whole blocks (at most three, so no lane can wrap)
    const Lanes b = load_lanes(p + i);
    const Lanes lf = SS_LANES(b == '\n');
    line_feed_lanes -= lf;
    Lanes special = {};
    errors |= sequence_errors(p + i, b, special) | second_byte_errors(p + i);
    if (lane_bits(odd_controls(b, lf)) != 0) count_controls_of(p + i, kLanes, scan);
  }
  sum_line_feeds();
  return lane_bits(SS_LANES(errors != 0)) == 0;
}

}  // namespace

bool utf8_scan_loop_available(Utf8ScanLoop loop) {
  switch (loop) {
    case Utf8ScanLoop::kBest:
    case Utf8ScanLoop::kPortable: return true;
#if SS_UTF8_SCAN_AVX2
    case Utf8ScanLoop::kAvx2: return cpu_has_avx2();
    case Utf8ScanLoop::kAvx512: return cpu_has_avx512bw();
#else
    case Utf8ScanLoop::kAvx2:
    case Utf8ScanLoop::kAvx512: return false;
#endif
  }
  return false;
}

Utf8TextScan scan_utf8_text(std::string_view s) { return Utf8Validator(s).finish(); }

Utf8TextScan scan_utf8_text_with(std::string_view s, Utf8ScanLoop loop) { return Utf8Validator(s, loop).finish(); }

namespace {

bool (*block_loop(Utf8ScanLoop loop))(const unsigned char*, size_t&, size_t, Utf8TextScan&) {
#if SS_UTF8_SCAN_AVX2
  if (loop == Utf8ScanLoop::kBest) loop = cpu_has_avx512bw() ? Utf8ScanLoop::kAvx512 : cpu_has_avx2() ? Utf8ScanLoop::kAvx2 : Utf8ScanLoop::kPortable;
  if (loop == Utf8ScanLoop::kAvx512 && cpu_has_avx512bw()) return scan_utf8_blocks_avx512;
  if (loop == Utf8ScanLoop::kAvx2 && cpu_has_avx2()) return scan_utf8_blocks_avx2;
  return scan_utf8_blocks;
#elif SS_UTF8_SCAN_SIMD128
  return loop == Utf8ScanLoop::kPortable ? scan_utf8_blocks : scan_utf8_blocks_simd128;
#else
  (void)loop;
  return scan_utf8_blocks;
#endif
}

}  // namespace

Utf8Validator::Utf8Validator(std::string_view text, Utf8ScanLoop loop)
    : p_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), blocks_(block_loop(loop)) {
  // Three bytes of history for the first vector step.
  if (!scan_scalar(p_, i_, n_ < 3 ? n_ : 3, n_, scan_)) fail();
  vector_start_ = i_;
}

bool Utf8Validator::check_more(size_t end) {
  // Whole steps up to end + 63 leave i_ at end or past it.
  if (end >= n_ || n_ - end <= 63) {
    check_rest();
  } else if (!blocks_(p_, i_, end + 63, scan_)) {
    fail();
  }
  return scan_.valid_utf8;
}

void Utf8Validator::check_rest() {
  if (!blocks_(p_, i_, n_, scan_)) return fail();
  // The tail, from the start of the sequence holding the last vector byte (which may continue past it).
  if (i_ > vector_start_) {
    size_t k = i_ - 1;
    while (k > vector_start_ && (p_[k] & 0xC0) == 0x80) --k;
    if (p_[k] >= 0x80) i_ = k;  // re-validated whole; continuation bytes are never counted as controls
  }
  if (!scan_scalar(p_, i_, n_, n_, scan_)) return fail();
  done_ = true;
}

void Utf8Validator::fail() { scan_ = {false, scan_.has_nul, scan_.controls}; }

Utf8TextScan Utf8Validator::finish() {
  check_to(n_);
  return scan_;
}

}  // namespace ss
