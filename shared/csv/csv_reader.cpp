// csv_reader.cpp — see csv_reader.h.
#include "csv/csv_reader.h"

#include <cstring>

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

namespace {

class Parser {
 public:
  Parser(std::string_view s, char delimiter, CsvTable& table) : s_(s), delim_(delimiter), t_(table) {}

  Status run() {
    t_.text.reserve(s_.size());
    while (i_ < s_.size()) {
      if (s_[i_] == '\n' || s_[i_] == '\r') {  // blank line
        consume_line_end();
        continue;
      }
      CsvRecord record;
      record.line = line_;
      record.first_cell = static_cast<uint32_t>(t_.cells.size());
      for (;;) {
        Status field = read_field();
        if (!field) return field;
        if (i_ < s_.size() && s_[i_] == delim_) {
          ++i_;
          continue;
        }
        consume_line_end();
        break;
      }
      record.cell_count = static_cast<uint32_t>(t_.cells.size()) - record.first_cell;
      t_.records.push_back(record);
    }
    return Status::success();
  }

 private:
  void consume_line_end() {
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

  void count_lines(std::string_view chunk) {
    for (size_t k = 0; k < chunk.size(); ++k) {
      if (chunk[k] == '\n') {
        ++line_;
      } else if (chunk[k] == '\r' && (k + 1 >= chunk.size() || chunk[k + 1] != '\n')) {
        ++line_;
      }
    }
  }

  // Appends unquoted text up to the next delimiter or line end.
  void read_plain() {
    const size_t start = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == delim_ || c == '\n' || c == '\r') break;
      ++i_;
    }
    t_.text.append(s_.data() + start, i_ - start);
  }

  Status read_field() {
    CsvCell cell;
    cell.offset = static_cast<uint32_t>(t_.text.size());
    if (i_ < s_.size() && s_[i_] == '"') {
      const int start_line = line_;
      ++i_;
      for (;;) {
        const void* hit = std::memchr(s_.data() + i_, '"', s_.size() - i_);
        if (hit == nullptr) {
          return Error{kErrUnterminatedQuote,
                       "第" + std::to_string(start_line) +
                           "行：这一行有一个以引号 \" 开头的单元格，但直到文件结尾都没有找到与之配对的结束引号，"
                           "文件无法可靠地拆分成行。请检查这一行的引号后重新导出。"};
        }
        const size_t q = static_cast<const char*>(hit) - s_.data();
        std::string_view chunk = s_.substr(i_, q - i_);
        count_lines(chunk);
        t_.text.append(chunk.data(), chunk.size());
        i_ = q + 1;
        if (i_ < s_.size() && s_[i_] == '"') {  // doubled quote
          t_.text.push_back('"');
          ++i_;
          continue;
        }
        break;
      }
      read_plain();  // lenient: anything between the closing quote and the delimiter
    } else {
      read_plain();
    }
    cell.size = static_cast<uint32_t>(t_.text.size()) - cell.offset;
    t_.cells.push_back(cell);
    return Status::success();
  }

  std::string_view s_;
  char delim_;
  CsvTable& t_;
  size_t i_ = 0;
  int line_ = 1;
};

}  // namespace

Result<CsvTable> parse_csv(std::string_view utf8, char delimiter) {
  CsvTable table;
  table.text.reserve(utf8.size());  // unescaped cells are never longer than the input: no regrowth copies
  table.delimiter = delimiter != 0 ? delimiter : sniff_delimiter(utf8);
  Parser parser(utf8, table.delimiter, table);
  Status status = parser.run();
  if (!status) return status.error();
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
