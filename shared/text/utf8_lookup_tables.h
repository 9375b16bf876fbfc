// utf8_lookup_tables.h — the three 16-entry tables of UTF-8 validation by lookups (Keiser & Lemire,
// "Validating UTF-8 in less than one instruction per byte", 2021), shared by the AVX2 and SIMD128 loops.
// Internal to text/.
//
// Each byte and its predecessor are classified by three tables, indexed by the predecessor's high and
// low nibble and the byte's high nibble; each entry holds the error kinds its nibble is compatible with,
// so a lane whose three entries share a bit breaks UTF-8. What a pair cannot tell (a third or fourth byte
// of a sequence) is a saturating subtraction on the bytes two and three back (kThirdByteBias and
// kFourthByteBias: the top bit is set exactly for a three- or four-byte lead), which must coincide with
// kTwoConts.
#pragma once

#include <cstdint>

namespace ss {
namespace utf8_lookup {

// Error kinds, one bit each.
constexpr uint8_t kTooShort = 1 << 0;      // a lead (or ASCII) followed by a lead or ASCII where a continuation is due
constexpr uint8_t kTooLong = 1 << 1;       // ASCII followed by a continuation
constexpr uint8_t kOverlong3 = 1 << 2;     // E0 followed by 80..9F
constexpr uint8_t kTooLarge = 1 << 3;      // F4 followed by 90..BF, or F5..FF followed by 90..BF
constexpr uint8_t kSurrogate = 1 << 4;     // ED followed by A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;     // C0 or C1 followed by a continuation
constexpr uint8_t kTooLarge1000 = 1 << 6;  // F5..FF followed by 80..8F
constexpr uint8_t kOverlong4 = 1 << 6;     // F0 followed by 80..8F (shares the bit: F0 and F5..FF differ in the low nibble)
constexpr uint8_t kTwoConts = 1 << 7;      // a continuation after a continuation: an error unless due
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;  // kinds that do not depend on the low nibble
constexpr uint8_t kLarge = kCarry | kTooLarge | kTooLarge1000;

// By the high nibble of the previous byte.
alignas(16) constexpr uint8_t kPrev1High[16] = {
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // 0xxx: ASCII
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // 10xx: continuation
    kTooShort | kOverlong2,                                                          // 1100: C0..CF
    kTooShort,                                                                       // 1101: D0..DF
    kTooShort | kOverlong3 | kSurrogate,                                             // 1110: E0..EF
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};                             // 1111: F0..FF
// By the low nibble of the previous byte.
alignas(16) constexpr uint8_t kPrev1Low[16] = {
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // x0: C0, E0, F0
    kCarry | kOverlong2,                            // x1: C1
    kCarry, kCarry,                                 // x2, x3
    kCarry | kTooLarge,                             // x4: F4
    kLarge, kLarge, kLarge,                         // x5..x7: F5..F7
    kLarge, kLarge, kLarge, kLarge, kLarge,         // x8..xC: F8..FC
    kLarge | kSurrogate,                            // xD: ED
    kLarge, kLarge};                                // xE, xF
// By the high nibble of the byte itself.
alignas(16) constexpr uint8_t kByteHigh[16] = {
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // 0xxx: ASCII
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,             // 1000: 80..8F
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,                              // 1001: 90..9F
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                              // 1010: A0..AF
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                              // 1011: B0..BF
    kTooShort, kTooShort, kTooShort, kTooShort};                                             // 11xx: leads

constexpr uint8_t kThirdByteBias = 0xE0 - 0x80;   // byte two back minus this, saturated: >= 0x80 for E0..FF
constexpr uint8_t kFourthByteBias = 0xF0 - 0x80;  // byte three back: >= 0x80 for F0..FF

}  // namespace utf8_lookup
}  // namespace ss
