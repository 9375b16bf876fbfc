// csv_scanner.cpp — see csv_scanner.h.
#include "csv/csv_scanner.h"

#include <cstring>

#include "core/byte_vectors.h"

namespace ss {
namespace {

// Bit k set when byte k of the 64 at `p` is the delimiter, a CR or an LF.
inline uint64_t stop_bits(const char* p, uint8_t delim) {
  uint64_t bits = 0;
  for (int part = 0; part < 4; ++part) {
    const ByteVector b = load_bytes(p + 16 * part);
    bits |= static_cast<uint64_t>(lane_bits(SS_LANES((b == delim) | (b == '\n') | (b == '\r')))) << (16 * part);
  }
  return bits;
}

}  // namespace

// Marks the stops of the block from `base` (a multiple of 64); bytes past the text are never stops.
SS_AVX2_CLONE void CsvScanner::load_block(size_t base) {
  const char* p = s_.data();
  const size_t n = s_.size();
  const auto delim = static_cast<uint8_t>(delim_);
  size_t w = 0;
  for (; w <= kBlockWords && base + 64 * (w + 1) <= n; ++w) stops_[w] = stop_bits(p + base + 64 * w, delim);
  for (; w <= kBlockWords; ++w) {
    uint64_t bits = 0;
    for (size_t k = 0; k < 64 && base + 64 * w + k < n; ++k) {
      const char c = p[base + 64 * w + k];
      if (c == delim_ || c == '\n' || c == '\r') bits |= uint64_t{1} << k;
    }
    stops_[w] = bits;
  }
  block_base_ = base;
  // The block's text is checked now, while it is in cache (next() checks that the record's end is reached,
  // which is what keeps unchecked bytes from being returned, but would check ~100 bytes per call).
  if (validator_ != nullptr && !validator_->check_to(base + 64 * (kBlockWords + 1))) not_utf8_ = true;
}

CsvScanner::CsvScanner(std::string_view utf8, char delimiter, Utf8Validator* validator)
    : s_(utf8), delim_(delimiter), validator_(validator) {
  load_block(0);
}

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "stops_ahead reads the stop bitmap as little-endian bytes");

// The stops from `offset` in the block on, as bits from bit 0. The bitmap read as bytes (little-endian,
// as x86 and wasm are): the eight bytes from offset's byte, shifted to its bit, hold at least the 57 bits
// from it. One load and one shift, where two words took two loads and three shifts (BM_Parse 3.76 ->
// 3.56 ms).
inline uint64_t CsvScanner::stops_ahead(size_t offset) const {
  uint64_t ahead;
  std::memcpy(&ahead, reinterpret_cast<const unsigned char*>(stops_) + offset / 8, sizeof ahead);
  return ahead >> offset % 8;
}

// End of an unquoted field: the next delimiter, CR or LF (a quote inside is a literal character).
inline size_t CsvScanner::plain_end(size_t i) {
  // Unsigned: a position before the block (never reached: positions only grow) would take the slow path.
  const size_t offset = i - block_base_;
  if (offset < 64 * kBlockWords && i < s_.size()) {
    const uint64_t ahead = stops_ahead(offset);
    if (ahead != 0) return i + static_cast<size_t>(__builtin_ctzll(ahead));
  }
  return plain_end_slow(i);
}

// The rest of plain_end, out of line: its loop and the call that loads the next block made the compiler
// keep the caller's values on the stack around every cell, not just around a new block.
__attribute__((noinline)) size_t CsvScanner::plain_end_slow(size_t i) {
  const size_t n = s_.size();
  for (;;) {
    if (i >= n) return n;
    if (i - block_base_ >= 64 * kBlockWords) load_block(i & ~size_t{63});
    const uint64_t ahead = stops_ahead(i - block_base_);
    if (ahead != 0) return i + static_cast<size_t>(__builtin_ctzll(ahead));
    i += 56;  // a cell longer than 56 bytes: rare
  }
}

void CsvScanner::consume_line_end() {
  if (i_ >= s_.size()) return;
  if (s_[i_] == '\r') {
    ++i_;
    if (i_ < s_.size() && s_[i_] == '\n') ++i_;
    ++line_;
  } else if (s_[i_] == '\n') {
    ++i_;
    ++line_;
  }
}

// A quoted field starting at s_[i_] == '"'. Without doubled quotes or trailing text the cell stays a view
// into the input; otherwise it is unescaped into record.unescaped.
bool CsvScanner::read_quoted(CsvRecordView& record, size_t cell_index) {
  const int start_line = line_;
  const char* p = s_.data();
  const size_t n = s_.size();
  size_t i = i_ + 1;
  const size_t content = i;
  bool copied = false;
  size_t copy_offset = 0;
  for (;;) {
    const void* hit = std::memchr(p + i, '"', n - i);
    if (hit == nullptr) {
      error_ = Error{kErrUnterminatedQuote,
                     "第" + std::to_string(start_line) +
                         "行：这一行有一个以引号 \" 开头的单元格，但直到文件结尾都没有找到与之配对的结束引号，"
                         "文件无法可靠地拆分成行。请检查这一行的引号后重新导出。"};
      return false;
    }
    const size_t q = static_cast<const char*>(hit) - p;
    for (size_t k = i; k < q; ++k) {  // quoted line breaks still count as lines
      if (p[k] == '\n' || (p[k] == '\r' && (k + 1 >= q || p[k + 1] != '\n'))) ++line_;
    }
    if (copied) record.unescaped.append(p + i, q - i);
    i = q + 1;
    if (i < n && p[i] == '"') {  // doubled quote
      if (!copied) {
        copied = true;
        copy_offset = record.unescaped.size();
        record.unescaped.append(p + content, q - content);
      }
      record.unescaped.push_back('"');
      ++i;
      continue;
    }
    // Lenient: anything between the closing quote and the delimiter belongs to the cell.
    const size_t tail_end = plain_end(i);
    if (tail_end > i && !copied) {
      copied = true;
      copy_offset = record.unescaped.size();
      record.unescaped.append(p + content, q - content);
    }
    if (copied) {
      record.unescaped.append(p + i, tail_end - i);
      pending_.push_back({cell_index, static_cast<uint32_t>(copy_offset),
                          static_cast<uint32_t>(record.unescaped.size() - copy_offset)});
    } else {
      record.cells[cell_index] = std::string_view(p + content, q - content);
    }
    i_ = tail_end;
    return true;
  }
}

bool CsvScanner::next(CsvRecordView& record) {
  record.cells.clear();
  record.unescaped.clear();
  pending_.clear();
  const char* p = s_.data();
  const size_t n = s_.size();
  while (i_ < n && (p[i_] == '\n' || p[i_] == '\r')) consume_line_end();  // blank lines
  if (i_ >= n || error_ || not_utf8_) return false;
  record.line = line_;
  for (;;) {
    if (i_ < n && p[i_] == '"') {
      record.cells.emplace_back();
      if (!read_quoted(record, record.cells.size() - 1)) return false;
    } else {
      const size_t end = plain_end(i_);
      record.cells.emplace_back(p + i_, end - i_);
      i_ = end;
    }
    if (i_ < n && p[i_] == delim_) {
      ++i_;
      continue;
    }
    consume_line_end();
    break;
  }
  for (const Pending& c : pending_) record.cells[c.cell] = std::string_view(record.unescaped).substr(c.offset, c.size);
  // Records come from loaded blocks, all checked, except one whose quoted cell ran to the end of the text.
  if (validator_ != nullptr && !validator_->check_to(i_)) not_utf8_ = true;
  return !not_utf8_;  // a record reaching into bytes that are not UTF-8 is not returned
}

}  // namespace ss
