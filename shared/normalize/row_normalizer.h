// row_normalizer.h — CSV table + column mapping → validated ImportRows (issue 4, item 4).
//
// File-level failures (nothing can be imported) are errors: no data rows (kErrNoDataRows), a missing
// 用户ID column or course/date source (from resolve_columns), an unreadable fixed date, an extra column
// of a type a CSV cell cannot fill. Row-level problems never stop the other rows: a row with any error is
// rejected with all its reasons; warnings keep the row. Fully empty rows (",,,,") are skipped silently.
// Ragged rows (a different cell count than the header) are rejected, except that extra trailing cells
// that are all empty are ignored (Excel adds them).
#pragma once

#include "core/result.h"
#include "core/sync_schema.h"
#include "csv/csv_reader.h"
#include "mapping/column_mapping.h"
#include "normalize/import_rows.h"

namespace ss {

Result<ImportRows> normalize_rows(const CsvTable& table, const ColumnMapping& mapping, const SyncSchema& schema);

}  // namespace ss
