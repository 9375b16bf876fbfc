// field_value.h — Feishu read shapes (records/search) to plain values (feishu-bitable-api.md §5, §9.1-3).
//
// search returns text as segment arrays [{"type":"text","text":"…"}, {"type":"mention",…}], phones as
// strings, dates as ms numbers, links as {"link_record_ids":[…]}; the legacy list endpoint and write
// echoes use plain strings and string arrays. Empty cells are usually omitted, but {} and [] and null
// also occur (sub-record guide): all of them read as empty. Every function here accepts any JSON value
// and never throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ss {

// Text of a text/phone/number/select/url cell; "" for empty or unknown shapes.
std::string read_text(const nlohmann::json& cell);

// ms timestamp of a date cell (number, or a string of digits); nullopt when empty or not a date.
std::optional<int64_t> read_date_ms(const nlohmann::json& cell);

// record_ids of a link cell ({"link_record_ids":[…]}, ["rec…"], or legacy [{"record_ids":[…]}]).
std::vector<std::string> read_link_ids(const nlohmann::json& cell);

// A cell of an extra field in the shape the engine would write for that field type, so a planned value
// and a stored one compare with ==. null when empty.
nlohmann::json read_as_write_shape(const nlohmann::json& cell, int field_type);

}  // namespace ss
