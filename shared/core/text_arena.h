// text_arena.h — one owner for the text that imported rows and plans point into.
//
// Why: a 100,000-row export used to become ~500,000 small std::strings (one per cell kept, then again
// per planned record), which cost most of the import's time in malloc and 6× the file in memory. Now
// the decoded file is adopted whole, rows hold string_views into it, and only the few values that
// cleaning changes (an Excel guard removed, zero-width characters dropped, a doubled quote unescaped)
// are copied, into chunks that never move. Views stay valid while the arena lives, even when the
// arena itself is moved; a Plan shares the arena of its rows through a shared_ptr for that reason.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ss {

class TextArena {
 public:
  TextArena() = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;
  TextArena(TextArena&&) = default;
  TextArena& operator=(TextArena&&) = default;

  // Takes `text` over without copying; the returned view lives as long as the arena.
  std::string_view adopt(std::string text) {
    adopted_.push_back(std::make_unique<std::string>(std::move(text)));
    last_adopted_ = *adopted_.back();
    return last_adopted_;
  }

  // Copies `text` into the arena (unless it already lives there) and returns the stable view.
  std::string_view keep(std::string_view text) {
    // Inline fast path: nearly every cell kept is a view into the file, adopted last.
    if (text.data() >= last_adopted_.data() && text.data() + text.size() <= last_adopted_.data() + last_adopted_.size()) {
      return text;
    }
    return keep_elsewhere(text);
  }

  // The text adopted last (the file, for an import's arena); empty if none.
  std::string_view last_adopted() const { return last_adopted_; }

  // True when `text` points into an adopted text (views into copies are not checked: rarely needed).
  bool owns(std::string_view text) const {
    // The file is adopted last and holds nearly every view kept: checked first, without a loop.
    if (text.data() >= last_adopted_.data() && text.data() + text.size() <= last_adopted_.data() + last_adopted_.size()) {
      return true;
    }
    for (const auto& a : adopted_) {
      const char* begin = a->data();
      if (text.data() >= begin && text.data() + text.size() <= begin + a->size()) return true;
    }
    return false;
  }

 private:
  std::string_view keep_elsewhere(std::string_view text) {
    if (text.empty()) return {};
    if (owns(text)) return text;
    if (text.size() > free_) {
      const size_t size = text.size() > kChunkSize / 4 ? text.size() : kChunkSize;
      chunks_.push_back(std::make_unique<char[]>(size));
      next_ = chunks_.back().get();
      free_ = size;
    }
    char* out = next_;
    std::memcpy(out, text.data(), text.size());
    next_ += text.size();
    free_ -= text.size();
    return {out, text.size()};
  }

  static constexpr size_t kChunkSize = 64 * 1024;
  std::vector<std::unique_ptr<std::string>> adopted_;
  std::string_view last_adopted_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;
  size_t free_ = 0;
};

}  // namespace ss
