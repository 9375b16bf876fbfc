// import_file.h — bytes of an uploaded file → validated rows, in one call (decode → parse → map →
// normalise), for the page, the CLI and benchmarks. Stops at the first file-level error. Also numbers
// the file's 用户IDs and courses (FileUsers), for every make_plan of these rows.
// Takes the bytes over: the rows point into the decoded text (ImportRows::text), so a UTF-8 file is
// neither copied nor split into per-cell strings.
#pragma once

#include <string>

#include "core/result.h"
#include "core/sync_schema.h"
#include "csv/csv_reader.h"
#include "mapping/column_mapping.h"
#include "normalize/import_rows.h"
#include "plan/file_users.h"
#include "text/text_decoder.h"

namespace ss {

struct ImportedFile {
  SourceEncoding encoding = SourceEncoding::kUtf8;
  char delimiter = ',';
  std::vector<std::string> headers;  // as in the file, for the mapping screen
  ImportRows rows;
  FileUsers users;  // of `rows`: give it to make_plan (the page plans again for each snapshot)
};

Result<ImportedFile> import_file(std::string bytes, const ColumnMapping& mapping, const SyncSchema& schema);

}  // namespace ss
