// csv_scanner.h — RFC 4180 records one at a time, as views into the text (the rules are in csv_reader.h).
//
// Why streaming: the importer normalises each record as soon as it is read, so a 100,000-row file is
// never held a second time as a table of cells, and most cells are never copied — a cell is a view
// into the input unless a doubled quote or text after a closing quote had to be unescaped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "text/utf8_validator.h"

namespace ss {

struct CsvRecordView {
  int line = 0;                          // physical line (1-based) where the record starts
  std::vector<std::string_view> cells;   // valid until the next call to next()
  std::string unescaped;                 // storage for the cells that are not views into the input
};

class CsvScanner {
 public:
  // `delimiter` must be known (sniff_delimiter first). The text must outlive the scanner and the views.
  // With a `validator` over the same text, the text is checked as UTF-8 block by block as the scanner
  // loads it (import_file's single pass), and every record returned lies in checked bytes.
  CsvScanner(std::string_view utf8, char delimiter, Utf8Validator* validator = nullptr);

  // Reads the next record, skipping blank lines. False at the end of the text, on an unterminated
  // quote (then error() says which line; nothing after it can be split reliably), or where the
  // validator finds the text is not UTF-8 (no error(): the validator tells).
  bool next(CsvRecordView& record);
  const std::optional<Error>& error() const { return error_; }
  size_t position() const { return i_; }  // bytes consumed so far

  // True when `cell` is a view into the scanned text (not into CsvRecordView::unescaped).
  bool in_input(std::string_view cell) const {
    return cell.data() >= s_.data() && cell.data() + cell.size() <= s_.data() + s_.size();
  }

 private:
  uint64_t stops_ahead(size_t offset) const;
  size_t plain_end(size_t from);
  size_t plain_end_slow(size_t from);
  void load_block(size_t base);
  bool read_quoted(CsvRecordView& record, size_t cell_index);
  void consume_line_end();

  std::string_view s_;
  char delim_;
  size_t i_ = 0;
  int line_ = 1;
  std::optional<Error> error_;
  Utf8Validator* validator_;
  bool not_utf8_ = false;  // the validator found bytes that are not UTF-8
  // Where the delimiters, CRs and LFs of the 4 KiB from block_base_ (a multiple of 64) are: bit k of
  // stops_[w] is byte block_base_ + 64 w + k, so finding a cell's end is a bit scan, not a byte loop.
  // Why a block of words rather than one word from the cell's start: the 57+ bits ahead of any position
  // are one unaligned 8-byte read of the block, so a cell's end is found without a branch on where the
  // word ends (which went either way at random, one cell in four). The extra word is the next block's
  // first, so that read never leaves the array.
  static constexpr size_t kBlockWords = 64;
  size_t block_base_ = 0;
  uint64_t stops_[kBlockWords + 1] = {};
  // Cells unescaped into record.unescaped: (cell index, offset, size), turned into views once the
  // record is complete (the buffer may grow while the record is read).
  struct Pending {
    size_t cell;
    uint32_t offset;
    uint32_t size;
  };
  std::vector<Pending> pending_;
};

}  // namespace ss
