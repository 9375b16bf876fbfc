// span.h — a read-only view of consecutive elements (std::span is C++20; this is the part we use).
#pragma once

#include <cstddef>

namespace ss {

template <class T>
struct Span {
  const T* first = nullptr;
  const T* last = nullptr;

  const T* begin() const { return first; }
  const T* end() const { return last; }
  size_t size() const { return static_cast<size_t>(last - first); }
  bool empty() const { return first == last; }
  const T& operator[](size_t i) const { return first[i]; }
};

}  // namespace ss
