// interner.h — distinct strings of a file (用户IDs, courses), numbered in order of first appearance, so
// planning compares and hashes small integers instead of text; each may carry a Payload (the per-user
// aggregate of make_plan) stored next to its text.
//
// Layout for speed (planning looks up every row of a 100,000-row file, in random order): each distinct
// string is copied once into a compact pool as [number][size][payload][bytes]; the hash index points at
// pool entries, so a lookup touches one index slot and one pool entry (where its payload is too); natively
// the slot is prefetched a few rows ahead (prefetch_slot). The index is sized for the strings the caller
// expects and grows past them; the pool is a list of chunks, so entries never move (growing one buffer
// by doubling copied it each time: with the index's regrowth, 0.5 ms of FileUsers' 5.4).
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
  static_assert(std::is_trivially_copyable<Payload>::value, "payloads live in raw chunks, freed without destructors");
  static constexpr size_t kHeader = 8;  // number, size
  static constexpr size_t kPayload = std::is_empty<Payload>::value ? 0 : (sizeof(Payload) + 7) & ~size_t{7};
  // An entry's offset is its chunk's number, then its place in the chunk. Chunks double from 4 KiB (a
  // file's few dozen courses take one) to 256 KiB; a string that does not fit one has its own.
  static constexpr unsigned kChunkBits = 18;
  static constexpr size_t kChunk = size_t{1} << kChunkBits;
  static constexpr size_t kFirstChunk = 4096;

 public:
  // Sized for `expected` strings (an upper bound, such as the rows of a file, costs 16 bytes each and
  // spares the regrowth of the index).
  explicit Interner(size_t expected = 256) : capacity_(std::max<size_t>(expected, 16)), index_(capacity_) {}

  // Number of `text` (whose hash_text() is `hash`), adding it (with a default Payload) if new; `added`
  // tells which.
  uint32_t intern(std::string_view text, uint64_t hash, bool* added) {
    Payload* payload;
    return intern(text, hash, added, &payload);
  }
  // The same, also pointing `payload` at the string's payload (it stays there): without a second lookup
  // through its number.
  uint32_t intern(std::string_view text, uint64_t hash, bool* added, Payload** payload) {
    const size_t bytes = kHeader + kPayload + ((text.size() + 7) & ~size_t{7});  // entries stay 8-byte aligned
    const uint32_t offset = place_for(bytes);
    const int64_t known = index_.find_or_insert(hash, offset, [&](uint32_t at) { return equal_text(entry_text(at), text); });
    *added = known == FlatIndex::kAbsent;
    if (!*added) {
      *payload = payload_at(static_cast<uint32_t>(known));
      return entry_number(static_cast<uint32_t>(known));
    }
    const auto number = static_cast<uint32_t>(offsets_.size());
    const uint32_t header[2] = {number, static_cast<uint32_t>(text.size())};
    char* entry = allocate(offset, bytes);
    std::memcpy(entry, header, sizeof header);
    if (kPayload != 0) new (entry + kHeader) Payload;  // default-initialised: members without an initializer stay unset
    std::memcpy(entry + kHeader + kPayload, text.data(), text.size());
    offsets_.push_back(offset);
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
  Payload& payload(uint32_t number) { return *payload_at(offsets_[number]); }
  size_t size() const { return offsets_.size(); }

  void prefetch_slot(uint64_t hash) const { index_.prefetch(hash); }

 private:
  char* entry(uint32_t at) const { return chunks_[at >> kChunkBits].get() + (at & (kChunk - 1)); }
  Payload* payload_at(uint32_t at) { return std::launder(reinterpret_cast<Payload*>(entry(at) + kHeader)); }
  uint32_t entry_number(uint32_t at) const {
    uint32_t number;
    std::memcpy(&number, entry(at), sizeof number);
    return number;
  }
  std::string_view entry_text(uint32_t at) const {
    const char* e = entry(at);
    uint32_t size;
    std::memcpy(&size, e + 4, sizeof size);
    return {e + kHeader + kPayload, size};
  }
  // Where an entry of `bytes` would go: after the last one if the last chunk has room, else at the start
  // of a new chunk. Nothing is allocated until allocate(): most lookups find their string.
  uint32_t place_for(size_t bytes) const {
    if (chunk_used_ + bytes <= chunk_capacity_) return static_cast<uint32_t>(((chunks_.size() - 1) << kChunkBits) | chunk_used_);
    return static_cast<uint32_t>(chunks_.size() << kChunkBits);
  }
  char* allocate(uint32_t at, size_t bytes) {
    if ((at >> kChunkBits) == chunks_.size()) {  // a new chunk (not zero-filled, unlike a vector<char>)
      // (The shift is capped only so that it cannot overflow; kChunk caps the size.)
      chunk_capacity_ = std::max(bytes, std::min(kChunk, kFirstChunk << std::min<size_t>(chunks_.size(), kChunkBits)));
      chunks_.emplace_back(new char[chunk_capacity_]);
      chunk_used_ = 0;
    }
    chunk_used_ += bytes;
    return entry(at);
  }
  void grow() {
    capacity_ *= 2;  // (a denser index: fewer cache misses on the lookups that follow)
    index_ = FlatIndex(capacity_);
    // The hashes again from the texts: kept beside the entries, they cost a store on every insert for a
    // regrowth that an index sized for the expected strings never needs.
    for (const uint32_t at : offsets_) index_.find_or_insert(hash_text(entry_text(at)), at, [](uint32_t) { return false; });
  }

  size_t capacity_;  // strings the index is sized for
  FlatIndex index_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = 0;      // bytes of the last chunk in use
  size_t chunk_capacity_ = 0;  // of the last chunk (0: no chunk yet)
  std::vector<uint32_t> offsets_;  // pool entry of each number
};

}  // namespace ss
