// browser_storage.h — the few things the page keeps in the browser: saved column mappings (per header
// layout, in localStorage) and files offered for download (the per-row report).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ss::app {

std::optional<std::string> storage_get(const std::string& key);
void storage_set(const std::string& key, const std::string& value);

// Offers `bytes` to the user as a download named `file_name`.
void offer_download(const std::string& file_name, const std::string& bytes, const std::string& mime_type);

// A stable key for a header layout: the same columns in the same order give the same key.
std::string header_layout_key(const std::vector<std::string>& headers);

}  // namespace ss::app
