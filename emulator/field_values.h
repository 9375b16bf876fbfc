// field_values.h: per field type, the write shape accepted, the stored value and the read shape returned.
//
// Implemented (feishu-bitable-api.md §5):
//  [X] Write shapes: 1 text string, 2 number, 3 option name, 4 array of option names, 5 ms number,
//      7 bool, 13 phone string matching (\+)?\d* (≤ 64), 15 {"text","link"}, 18/21 arrays of record_id
//      strings of the linked table; null (or "", [], false) clears the cell.
//  [X] Wrong shapes refused with the documented conversion codes: 1254060 text, 1254061 number,
//      1254062 single select, 1254063 multi select, 1254064 date, 1254065 checkbox, 1254067 single
//      link, 1254068 url, 1254072 phone, 1254074 duplex link; read-only types (1001/1002) → 1254015.
//  [X] Read shapes of search/batch_get: text as [{"type":"text","text":…}], links as
//      {"link_record_ids":[…]}, url as {"link","text"}, checkbox only when true; empty cells omitted.
// Missing:
//  [ ] Person, attachment, location, group, formula, lookup, auto-number types (not used by the sync).
//  [ ] Strings for numbers/dates are refused; Feishu's acceptance of them is undocumented (§10).
//  [ ] Mention/url segments inside text: text is always one plain "text" segment.
#pragma once

#include "api_error.h"
#include "base_model.h"

#include <functional>
#include <string>

namespace feishu_emulator {

using LinkTargetExists = std::function<bool(const std::string& table_id, const std::string& record_id)>;

bool is_supported_field_type(int type);
bool is_read_only_field_type(int type);
std::string ui_type_name(int type);

// Checks one written cell. Returns the value to store, or null to clear the cell.
// `where` names the cell in error messages, e.g. "records[0].fields.手机号".
Expected<json> to_stored_value(const FieldDef& field, const json& written, const LinkTargetExists& exists,
                               const std::string& where);

// Read shape as returned by records/search and batch_get; null when the cell is empty (omit it).
json to_read_value(const FieldDef& field, const Record& record);

// Write shape (what a client would send to reproduce the cell); null when empty. Used by the admin view.
json to_write_value(const FieldDef& field, const Record& record);

}  // namespace feishu_emulator
