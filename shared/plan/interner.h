// interner.h — distinct strings of a file (用户IDs, courses), numbered in order of first appearance, so
// planning compares and hashes small integers instead of text; each may carry a Payload (the per-user
// aggregate of make_plan) stored next to its text.
//
// Layout for speed (planning looks up every row of a 100,000-row file, in random order): each distinct
// string is copied once into a compact pool as [number][size][payload][bytes]; the hash index points at
// pool entries, so a lookup touches one index slot and one pool entry (where its payload is too); natively
// the slot is prefetched a few rows ahead (prefetch_slot). The index grows as needed (one course, or one
// per row).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/text_hash.h"
#include "plan/flat_index.h"

namespace ss {

struct NoPayload {};

template <class Payload = NoPayload>
class Interner {
  static_assert(std::is_trivially_copyable<Payload>::value, "payloads move with the pool's bytes");
  static constexpr size_t kHeader = 8;  // number, size
  static constexpr size_t kPayload = std::is_empty<Payload>::value ? 0 : (sizeof(Payload) + 7) & ~size_t{7};

 public:
  // Number of `text` (whose hash_text() is `hash`), adding it (with a default Payload) if new; `added`
  // tells which.
  uint32_t intern(std::string_view text, uint64_t hash, bool* added) {
    Payload* payload;
    return intern(text, hash, added, &payload);
  }
  // The same, also pointing `payload` at the string's payload (valid until the next string is added):
  // without a second lookup through its number.
  uint32_t intern(std::string_view text, uint64_t hash, bool* added, Payload** payload) {
    const auto offset = static_cast<uint32_t>(pool_size_);
    const int64_t known = index_.find_or_insert(hash, offset, [&](uint32_t at) { return equal_text(entry_text(at), text); });
    *added = known == FlatIndex::kAbsent;
    if (!*added) {
      *payload = payload_at(static_cast<uint32_t>(known));
      return entry_number(static_cast<uint32_t>(known));
    }
    const auto number = static_cast<uint32_t>(offsets_.size());
    const uint32_t header[2] = {number, static_cast<uint32_t>(text.size())};
    grow_pool(offset + kHeader + kPayload + ((text.size() + 7) & ~size_t{7}));  // entries stay 8-byte aligned
    std::memcpy(pool_.get() + offset, header, sizeof header);
    if (kPayload != 0) new (pool_.get() + offset + kHeader) Payload();
    std::memcpy(pool_.get() + offset + kHeader + kPayload, text.data(), text.size());
    offsets_.push_back(offset);
    hashes_.push_back(hash);
    if (offsets_.size() > capacity_) grow();
    *payload = payload_at(offset);
    return number;
  }
  uint32_t intern(std::string_view text) {
    bool added;
    return intern(text, hash_text(text), &added);
  }

  // Number of `text`, or FlatIndex::kAbsent.
  int64_t find(std::string_view text) const {
    const int64_t at = index_.find(hash_text(text), [&](uint32_t a) { return equal_text(entry_text(a), text); });
    return at == FlatIndex::kAbsent ? at : entry_number(static_cast<uint32_t>(at));
  }

  std::string_view operator[](uint32_t number) const { return entry_text(offsets_[number]); }
  // Valid until the next intern() of a new string (the pool may move).
  Payload& payload(uint32_t number) { return *payload_at(offsets_[number]); }
  size_t size() const { return offsets_.size(); }

  void prefetch_slot(uint64_t hash) const { index_.prefetch(hash); }

 private:
  Payload* payload_at(uint32_t at) { return std::launder(reinterpret_cast<Payload*>(pool_.get() + at + kHeader)); }
  uint32_t entry_number(uint32_t at) const {
    uint32_t number;
    std::memcpy(&number, pool_.get() + at, sizeof number);
    return number;
  }
  std::string_view entry_text(uint32_t at) const {
    uint32_t size;
    std::memcpy(&size, pool_.get() + at + 4, sizeof size);
    return {pool_.get() + at + kHeader + kPayload, size};
  }
  // The pool's size, growing its buffer by doubling. Not a vector<char>: resizing one zero-fills what
  // is about to be overwritten (~1 ms in wasm for the 30,000 users of a 100,000-row file).
  void grow_pool(size_t size) {
    if (size > pool_capacity_) {
      const size_t capacity = std::max(size, pool_capacity_ * 2);
      std::unique_ptr<char[]> bigger(new char[capacity]);
      if (pool_size_ != 0) std::memcpy(bigger.get(), pool_.get(), pool_size_);
      pool_ = std::move(bigger);
      pool_capacity_ = capacity;
    }
    pool_size_ = size;
  }
  void grow() {
    capacity_ *= 2;  // (a denser index: fewer cache misses on the lookups that follow)
    index_ = FlatIndex(capacity_);
    for (size_t i = 0; i < offsets_.size(); ++i) index_.find_or_insert(hashes_[i], offsets_[i], [](uint32_t) { return false; });
  }

  size_t capacity_ = 256;  // strings the index is sized for
  FlatIndex index_{capacity_};
  std::unique_ptr<char[]> pool_;  // only [0, pool_size_) is used
  size_t pool_size_ = 0;
  size_t pool_capacity_ = 0;
  std::vector<uint32_t> offsets_;  // pool entry of each number
  std::vector<uint64_t> hashes_;   // for grow()
};

}  // namespace ss
