// import_file.h — bytes of an uploaded file → validated rows, in one call (decode → parse → map →
// normalise), for the page, the CLI and benchmarks. Stops at the first file-level error.
// Takes the bytes over: the rows point into the decoded text (ImportRows::text), so a UTF-8 file is
// neither copied nor split into per-cell strings.
#pragma once

#include <string>

#include "core/result.h"
#include "core/sync_schema.h"
#include "csv/csv_reader.h"
#include "mapping/column_mapping.h"
#include "normalize/import_rows.h"
#include "text/text_decoder.h"

namespace ss {

struct ImportedFile {
  SourceEncoding encoding = SourceEncoding::kUtf8;
  char delimiter = ',';
  std::vector<std::string> headers;  // as in the file, for the mapping screen
  ImportRows rows;
};

Result<ImportedFile> import_file(std::string bytes, const ColumnMapping& mapping, const SyncSchema& schema);

}  // namespace ss
