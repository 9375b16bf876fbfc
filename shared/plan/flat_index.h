// flat_index.h — an open-addressing (linear probing) index from a 64-bit hash to an item of the caller's
// own arrays. Each slot is 64 bits (32 bits of the hash as a tag, the item's index), so the table holds no
// keys and allocates once: exactly twice the slots of the items it is sized for (the low 32 bits of the
// hash are scaled to the table, not masked, so the size need not be a power of two that could double it).
//
// Why not std::unordered_map: with one node per row, a 100,000-row file spent most of make_plan on node
// allocation and cache misses (bench/engine_bench, BM_PlanEmptyTables).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/read_ahead.h"

namespace ss {

class FlatIndex {
 public:
  static constexpr int64_t kAbsent = -1;

  explicit FlatIndex(size_t max_items) : slots_(std::max<size_t>(16, max_items * 2), kEmpty), size_(slots_.size()) {}  // load ≤ 1/2

  // The item equal to the probe (same hash and same_as(item)), or kAbsent.
  template <class SameAs>
  int64_t find(uint64_t hash, SameAs same_as) const {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = home(hash);; i = next(i)) {
      const uint64_t slot = slots_[i];
      if (slot == kEmpty) return kAbsent;
      const auto item = static_cast<uint32_t>(slot);
      if (static_cast<uint32_t>(slot >> 32) == tag && same_as(item)) return item;
    }
  }

  // Like find; when the probe is absent, records `item` for it and returns kAbsent (first one wins).
  template <class SameAs>
  int64_t find_or_insert(uint64_t hash, uint32_t item, SameAs same_as) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = home(hash);; i = next(i)) {
      const uint64_t slot = slots_[i];
      if (slot == kEmpty) {
        slots_[i] = (static_cast<uint64_t>(tag) << 32) | item;
        return kAbsent;
      }
      const auto existing = static_cast<uint32_t>(slot);
      if (static_cast<uint32_t>(slot >> 32) == tag && same_as(existing)) return existing;
    }
  }

  // Starts loading the slot a later find/find_or_insert of `hash` will read first (no-op in wasm):
  // the tables of a 100,000-row file do not fit in cache, and planning probes them once per row.
  void prefetch(uint64_t hash) const { prefetch_address(&slots_[home(hash)]); }

 private:
  size_t home(uint64_t hash) const { return static_cast<size_t>((hash & 0xFFFFFFFFu) * size_ >> 32); }
  size_t next(size_t i) const { return i + 1 == size_ ? 0 : i + 1; }

  // Tag and item both 0xFFFFFFFF: never a real item (indexes are row numbers, far below 2^32 - 1).
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  std::vector<uint64_t> slots_;
  size_t size_;  // slots_.size(), kept: computing it took a subtraction and a shift on every probe
};

}  // namespace ss
