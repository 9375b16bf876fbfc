// write_lock.h: detects overlapping writes to one table (feishu-bitable-api.md §6.3).
//
// Implemented:
//  [X] try_acquire(key) fails when a write to the same key (app_token/table_id) is in progress,
//      including its added latency, so the caller answers 1254291 Write conflict instead of
//      serialising the two writes silently. Writes to different tables may overlap (3P note, §6.3).
// Missing:
//  [ ] The Base-wide "one writer per Base" advice (§6.3 overview) is not enforced: only per table.
#pragma once

#include <mutex>
#include <set>
#include <string>

namespace feishu_emulator {

class WriteLock {
 public:
  class Guard {
   public:
    Guard(WriteLock* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
    Guard(Guard&& o) noexcept : owner_(o.owner_), key_(std::move(o.key_)) { o.owner_ = nullptr; }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    Guard& operator=(Guard&&) = delete;
    ~Guard() {
      if (owner_) owner_->release(key_);
    }
    bool held() const { return owner_ != nullptr; }

   private:
    WriteLock* owner_;
    std::string key_;
  };

  // A Guard that holds the key, or an empty Guard (held() == false) when another write holds it.
  Guard try_acquire(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!busy_.insert(key).second) return Guard(nullptr, key);
    return Guard(this, key);
  }

 private:
  void release(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    busy_.erase(key);
  }
  std::mutex mu_;
  std::set<std::string> busy_;
};

}  // namespace feishu_emulator
