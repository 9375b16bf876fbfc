// heap_counter.h — counts every operator new/delete of the program (live bytes by malloc_usable_size, so
// the figures include allocator rounding), for the benchmarks' peak-memory rows. Include it in exactly
// one source file of a benchmark program: it replaces the global operator new/delete.
// Single-threaded benchmarks: plain counters are enough.
#pragma once

#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace heap_counter {

inline size_t g_live_bytes = 0;
inline size_t g_peak_bytes = 0;

// Starts a measurement: the peak from now on, relative to what is live now (returned).
inline size_t start() {
  g_peak_bytes = g_live_bytes;
  return g_live_bytes;
}

inline void* counted_alloc(size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  g_live_bytes += malloc_usable_size(p);
  if (g_live_bytes > g_peak_bytes) g_peak_bytes = g_live_bytes;
  return p;
}

inline void counted_free(void* p) {
  if (p == nullptr) return;
  g_live_bytes -= malloc_usable_size(p);
  std::free(p);
}

}  // namespace heap_counter

void* operator new(size_t n) { return heap_counter::counted_alloc(n); }
void* operator new[](size_t n) { return heap_counter::counted_alloc(n); }
void operator delete(void* p) noexcept { heap_counter::counted_free(p); }
void operator delete[](void* p) noexcept { heap_counter::counted_free(p); }
void operator delete(void* p, size_t) noexcept { heap_counter::counted_free(p); }
void operator delete[](void* p, size_t) noexcept { heap_counter::counted_free(p); }
