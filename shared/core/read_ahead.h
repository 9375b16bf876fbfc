// read_ahead.h — reading memory before it is needed: a prefetch hint, and which views of a text may be
// read a fixed number of bytes from their start whatever their size (then masked to it), so that
// comparing or hashing a short value takes no branch on its size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ss {

inline void prefetch_address(const void* p) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);  // nothing in wasm, which has no such instruction (an early load measured slower)
#endif
}

// The views into `text` that have at least `bytes` bytes of it from their start: all but those starting
// in its last bytes. None when the text is shorter; views into other buffers (cleaned copies) never.
class WholeReads {
 public:
  WholeReads() = default;
  WholeReads(std::string_view text, size_t bytes) {
    if (text.size() < bytes) return;
    begin_ = reinterpret_cast<uintptr_t>(text.data());
    end_ = reinterpret_cast<uintptr_t>(text.data() + text.size() - bytes) + 1;
  }
  bool covers(std::string_view v) const {
    const auto at = reinterpret_cast<uintptr_t>(v.data());
    return at >= begin_ && at < end_;
  }
  bool any() const { return end_ != 0; }

 private:
  uintptr_t begin_ = 0, end_ = 0;  // where such views may start
};

}  // namespace ss
