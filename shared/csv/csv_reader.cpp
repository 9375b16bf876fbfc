// csv_reader.cpp — see csv_reader.h.
#include "csv/csv_reader.h"

#include <cstring>

#include "csv/csv_scanner.h"

namespace ss {

char sniff_delimiter(std::string_view s) {
  size_t commas = 0, tabs = 0, semicolons = 0;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice: net effect right
      continue;
    }
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (commas + tabs + semicolons > 0) break;
      continue;  // leading blank lines
    }
    if (c == ',') ++commas;
    if (c == '\t') ++tabs;
    if (c == ';') ++semicolons;
  }
  if (commas >= tabs && commas >= semicolons) return ',';
  if (tabs >= semicolons) return '\t';
  return ';';
}

Result<CsvTable> parse_csv(std::string_view utf8, char delimiter) {
  CsvTable table;
  table.text.reserve(utf8.size());  // unescaped cells are never longer than the input: no regrowth copies
  table.delimiter = delimiter != 0 ? delimiter : sniff_delimiter(utf8);
  CsvScanner scanner(utf8, table.delimiter);
  CsvRecordView record;
  while (scanner.next(record)) {
    CsvRecord r;
    r.line = record.line;
    r.first_cell = static_cast<uint32_t>(table.cells.size());
    r.cell_count = static_cast<uint32_t>(record.cells.size());
    for (std::string_view cell : record.cells) {
      table.cells.push_back({static_cast<uint32_t>(table.text.size()), static_cast<uint32_t>(cell.size())});
      table.text.append(cell.data(), cell.size());
    }
    table.records.push_back(r);
  }
  if (scanner.error()) return *scanner.error();
  return table;
}

void append_csv_cell(std::string& out, std::string_view cell, char delimiter) {
  bool needs_quotes = !cell.empty() && (cell.front() == ' ' || cell.back() == ' ');
  for (char c : cell) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    out.append(cell.data(), cell.size());
    return;
  }
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace ss
