// csv_reader.h — RFC 4180 CSV parsing into a compact table of text cells, with physical line numbers.
//
// Implemented: quoted fields with doubled quotes, delimiters and CR/LF/CRLF inside quotes (kept verbatim),
// CRLF, LF and lone CR record ends, delimiter sniffing (comma, tab, semicolon), every cell kept as text
// (no number guessing: 00123 stays 00123), blank lines skipped, the line where each record starts.
// Lenient where real exports are sloppy (as most parsers, and as csv-spectrum's location_coordinates case
// expects): a quote inside an unquoted field is a literal character, and text after a closing quote is
// appended to the cell.
// Errors: an unterminated quote fails the whole file (everything after it would be one cell), naming
// the line where the quoted field starts. Ragged rows are NOT errors here: the table keeps each record's
// width and the row normaliser reports them per line, so valid rows are unaffected.
//
// Why one text buffer: 100,000-row exports must parse fast in wasm; cells are (offset, size) into one
// std::string instead of one std::string per cell.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ss {

struct CsvCell {
  uint32_t offset = 0;
  uint32_t size = 0;
};

struct CsvRecord {
  int line = 0;  // physical line (1-based) where the record starts
  uint32_t first_cell = 0;
  uint32_t cell_count = 0;
};

struct CsvTable {
  char delimiter = ',';
  std::string text;              // unescaped cell contents, back to back
  std::vector<CsvCell> cells;    // all cells of all records
  std::vector<CsvRecord> records;  // records[0] is the header when the file has one

  size_t record_count() const { return records.size(); }
  size_t width(size_t record) const { return records[record].cell_count; }
  int line(size_t record) const { return records[record].line; }
  // Empty when `column` is past the end of that record.
  std::string_view cell(size_t record, size_t column) const {
    const CsvRecord& r = records[record];
    if (column >= r.cell_count) return {};
    const CsvCell& c = cells[r.first_cell + column];
    return std::string_view(text).substr(c.offset, c.size);
  }
};

// Looks at the first record (outside quotes) and picks the most frequent of comma, tab and semicolon;
// comma when none occurs. Ties prefer comma, then tab.
char sniff_delimiter(std::string_view utf8);

// delimiter 0 = sniff. Error: kErrUnterminatedQuote.
Result<CsvTable> parse_csv(std::string_view utf8, char delimiter = 0);

// Quote a cell for writing if it needs it (delimiter, quote, CR or LF inside, or leading/trailing space).
void append_csv_cell(std::string& out, std::string_view cell, char delimiter = ',');

}  // namespace ss
