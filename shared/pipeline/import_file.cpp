// import_file.cpp — see import_file.h.
#include "pipeline/import_file.h"

#include <algorithm>

#include "csv/csv_scanner.h"
#include "normalize/row_normalizer.h"

namespace ss {
namespace {

// After the first rows: room for the rest, from their average length, and never more than the lines the
// file has. Why not from the line count alone: a file of blank lines would reserve a row per byte.
constexpr size_t kRowsBeforeReserving = 1024;
size_t expected_rows(size_t rows_so_far, size_t bytes_so_far, size_t total_bytes, size_t line_feeds) {
  if (rows_so_far == 0 || bytes_so_far == 0) return 0;
  const double per_row = static_cast<double>(bytes_so_far) / static_cast<double>(rows_so_far);
  const auto rest = static_cast<size_t>(static_cast<double>(total_bytes - bytes_so_far) / per_row * 1.02) + 16;
  return std::min(rows_so_far + rest, line_feeds + 1);
}

}  // namespace

Result<ImportedFile> import_file(std::string bytes, const ColumnMapping& mapping, const SyncSchema& schema) {
  auto decoded = decode_text(std::move(bytes));
  if (!decoded) return decoded.error();
  ImportedFile out;
  out.encoding = decoded->encoding;
  const size_t line_feeds = decoded->line_feeds;
  auto text = std::make_shared<TextArena>();
  const std::string_view utf8 = text->adopt(std::move(decoded->utf8));
  out.delimiter = sniff_delimiter(utf8);

  // Scanned record by record and normalised at once: the cells are never stored as a table.
  CsvScanner scanner(utf8, out.delimiter);
  CsvRecordView record;
  if (!scanner.next(record)) {
    if (scanner.error()) return *scanner.error();
    return Error{kErrEmptyFile, "文件是空的，没有任何内容。"};
  }
  for (std::string_view cell : record.cells) out.headers.emplace_back(cell);
  auto normalizer = RowNormalizer::start(out.headers, mapping, schema, std::move(text));
  if (!normalizer) return normalizer.error();
  for (size_t records = 0; scanner.next(record); ++records) {
    normalizer->add(record.line, record.cells.data(), record.cells.size());
    if (records == kRowsBeforeReserving) {
      normalizer->reserve(expected_rows(normalizer->row_count(), scanner.position(), utf8.size(), line_feeds));
    }
  }
  if (scanner.error()) return *scanner.error();
  auto rows = normalizer->finish();
  if (!rows) return rows.error();
  out.rows = std::move(rows).value();
  out.users = FileUsers::of(out.rows);
  return out;
}

}  // namespace ss
