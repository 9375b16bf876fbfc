// packed_views.h — N string_views stored as N pointers followed by N 32-bit sizes.
//
// Why: rows and planned records hold several views each, 100,000 of them for a large export. A
// string_view is 16 bytes on a 64-bit machine, mostly an 8-byte size that never exceeds a cell; packed,
// a view takes 12 bytes (in wasm, with 4-byte pointers, 8 either way). That difference is what keeps the
// native peak memory of import+plan within 3× the file (bench/engine_bench, BM_PeakMemory).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ss {

template <size_t N>
class PackedViews {
 public:
  std::string_view get(size_t i) const { return {data_[i], size_[i]}; }
  // Views longer than 4 GiB cannot occur: every view is a cell or an id of a file held in memory.
  void set(size_t i, std::string_view v) {
    data_[i] = v.data();
    size_[i] = static_cast<uint32_t>(v.size());
  }

 private:
  const char* data_[N] = {};
  uint32_t size_[N] = {};
};

}  // namespace ss
