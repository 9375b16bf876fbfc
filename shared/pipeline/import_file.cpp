// import_file.cpp — see import_file.h.
#include "pipeline/import_file.h"

#include <algorithm>
#include <cstdint>

#include "csv/csv_scanner.h"
#include "normalize/row_normalizer.h"
#include "text/utf8_validator.h"

namespace ss {
namespace {

// After the first rows: room for the rest, from their average length, and never more than the lines the
// file has (when known). Why not from the line count alone: a file of blank lines would reserve a row per byte.
constexpr size_t kRowsBeforeReserving = 1024;
size_t expected_rows(size_t rows_so_far, size_t bytes_so_far, size_t total_bytes, size_t max_rows) {
  if (rows_so_far == 0 || bytes_so_far == 0) return 0;
  const double per_row = static_cast<double>(bytes_so_far) / static_cast<double>(rows_so_far);
  const auto rest = static_cast<size_t>(static_cast<double>(total_bytes - bytes_so_far) / per_row * 1.02) + 16;
  return std::min(rows_so_far + rest, max_rows);
}

// Scanned record by record and normalised at once: the cells are never stored as a table. `utf8` is
// adopted by `text`; `max_rows` bounds the reservation for the rows (SIZE_MAX: unknown); with a
// validator, the text is checked as it is scanned (the caller asks the validator before trusting the
// result).
Result<ImportedFile> import_text(std::shared_ptr<TextArena> text, std::string_view utf8, SourceEncoding encoding,
                                 size_t max_rows, Utf8Validator* validator, const ColumnMapping& mapping,
                                 const SyncSchema& schema) {
  ImportedFile out;
  out.encoding = encoding;
  out.delimiter = sniff_delimiter(utf8);
  CsvScanner scanner(utf8, out.delimiter, validator);
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
      normalizer->reserve(expected_rows(normalizer->row_count(), scanner.position(), utf8.size(), max_rows));
    }
  }
  if (scanner.error()) return *scanner.error();
  auto rows = normalizer->finish();
  if (!rows) return rows.error();
  out.rows = std::move(rows).value();
  out.users = FileUsers::of(out.rows);
  return out;
}

}  // namespace

Result<ImportedFile> import_file(std::string bytes, const ColumnMapping& mapping, const SyncSchema& schema) {
  // A file that may be UTF-8 (nearly every upload) is checked as it is scanned, not by decode_text in a
  // pass of its own. Whatever the scan stopped at, the whole text is checked before the result counts:
  // a file that is not UTF-8 text is decode_text's to judge, exactly as without this shortcut.
  if (const std::optional<size_t> start = utf8_text_start(bytes)) {
    auto text = std::make_shared<TextArena>();
    const std::string_view whole = text->adopt(std::move(bytes));  // the BOM stays, unseen: no 9 MB move
    const std::string_view utf8 = whole.substr(*start);
    Utf8Validator validator(utf8);
    auto imported = import_text(text, utf8, *start == 0 ? SourceEncoding::kUtf8 : SourceEncoding::kUtf8Bom,
                                SIZE_MAX, &validator, mapping, schema);
    if (is_utf8_text(validator.finish(), utf8.size())) return imported;
    bytes = std::string(whole);  // (`text` keeps it alive; the copy is little beside a GB18030 conversion)
  }
  auto decoded = decode_text(std::move(bytes));
  if (!decoded) return decoded.error();
  auto text = std::make_shared<TextArena>();
  const std::string_view utf8 = text->adopt(std::move(decoded->utf8));
  return import_text(std::move(text), utf8, decoded->encoding, decoded->line_feeds + 1, nullptr, mapping, schema);
}

}  // namespace ss
