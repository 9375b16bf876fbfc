// csv_scanner.cpp — see csv_scanner.h.
#include "csv/csv_scanner.h"

#include <cstring>

#include "text/byte_vectors.h"

namespace ss {
// Marks the delimiters, CRs and LFs of the 64 bytes from `base` (fewer at the end of the text).
void CsvScanner::load_window(size_t base) {
  const char* p = s_.data();
  const size_t n = s_.size();
  uint64_t mask = 0;
  if (base + 64 <= n) {
    const ByteVector delim = splat(static_cast<uint8_t>(delim_)), lf = splat('\n'), cr = splat('\r');
    for (int part = 0; part < 4; ++part) {
      const ByteVector b = load_bytes(p + base + 16 * part);
      const uint64_t bits = lane_bits(SS_LANES(b == delim) | SS_LANES(b == lf) | SS_LANES(b == cr));
      mask |= bits << (16 * part);
    }
  } else {
    for (size_t k = 0; base + k < n; ++k) {
      const char c = p[base + k];
      if (c == delim_ || c == '\n' || c == '\r') mask |= uint64_t{1} << k;
    }
  }
  window_base_ = base;
  window_mask_ = mask;
}

CsvScanner::CsvScanner(std::string_view utf8, char delimiter) : s_(utf8), delim_(delimiter) { load_window(0); }

// End of an unquoted field: the next delimiter, CR or LF (a quote inside is a literal character). The
// window is read through locals, which stay in registers across the bit scan.
inline size_t CsvScanner::plain_end(size_t i) {
  const size_t n = s_.size();
  size_t base = window_base_;
  uint64_t mask = window_mask_;
  for (;;) {
    if (i >= n) return n;
    if (i < base || i >= base + 64) {
      load_window(i);
      base = window_base_;
      mask = window_mask_;
    }
    const uint64_t ahead = mask >> (i - base);
    if (ahead != 0) return i + static_cast<size_t>(__builtin_ctzll(ahead));
    i = base + 64;
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
  if (i_ >= n || error_) return false;
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
  return true;
}

}  // namespace ss
