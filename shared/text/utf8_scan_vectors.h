// utf8_scan_vectors.h — the vector loops of scan_utf8_text (utf8_scan.cpp) that validate by table
// lookups (utf8_lookup_tables.h): AVX-512BW or AVX2 natively, picked at run time, and SIMD128 in wasm.
// Other CPUs (SSE2 has no byte shuffle) run the portable loop of utf8_scan.cpp. Internal to text/.
#pragma once

#include <cstddef>
#include <string_view>

#include "text/utf8.h"
#include "text/utf8_validator.h"

// x86-64 builds (not wasm, not SS_NO_CPU_CLONES, whose tests thereby cover the portable loop) also
// compile the AVX2 loop; scan_utf8_text calls it when the CPU has AVX2.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(SS_NO_CPU_CLONES)
#define SS_UTF8_SCAN_AVX2 1
#endif
#if defined(__wasm_simd128__)
#define SS_UTF8_SCAN_SIMD128 1
#endif

namespace ss {

// Controls (below 0x20 except tab, LF, CR, form feed) and NULs of `size` bytes, one by one, into `scan`;
// for the blocks whose vector test says one may be there. Line feeds are counted by the vector lanes.
void count_controls_of(const unsigned char* p, size_t size, Utf8TextScan& scan);

#if SS_UTF8_SCAN_AVX2
bool cpu_has_avx2();
// Validates and counts p[i, n) in whole 64- and 32-byte blocks from i (i >= 3: the blocks read three
// bytes back), advancing i past them; the caller checks the rest byte-wise. Adds line feeds, controls and
// NULs to `scan`. False when a block breaks UTF-8 (except at its end: a sequence cut by the end of the
// last block is for the caller to check).
bool scan_utf8_blocks_avx2(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan);
bool cpu_has_avx512bw();
// The same in 64-byte blocks only (the caller checks the rest), on CPUs with AVX-512BW
// (utf8_scan_avx512.cpp); scan_utf8_text prefers it to the AVX2 loop.
bool scan_utf8_blocks_avx512(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan);
#endif
#if SS_UTF8_SCAN_SIMD128
// The same in 16-byte vectors, for wasm.
bool scan_utf8_blocks_simd128(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan);
#endif

}  // namespace ss
