// import_file.cpp — see import_file.h.
#include "pipeline/import_file.h"

#include "normalize/row_normalizer.h"

namespace ss {

Result<ImportedFile> import_file(std::string_view bytes, const ColumnMapping& mapping, const SyncSchema& schema) {
  auto decoded = decode_text(bytes);
  if (!decoded) return decoded.error();
  auto table = parse_csv(decoded->utf8);
  if (!table) return table.error();
  ImportedFile out;
  out.encoding = decoded->encoding;
  out.delimiter = table->delimiter;
  auto rows = normalize_rows(*table, mapping, schema);
  if (!rows) return rows.error();
  out.rows = std::move(rows).value();
  out.headers = out.rows.columns.headers;
  return out;
}

}  // namespace ss
