#include "browser/browser_storage.h"

#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace ss::app {

EM_JS(char*, js_storage_get, (const char* key), {
  let value = null;
  try { value = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
  if (value === null) return 0;
  const n = lengthBytesUTF8(value) + 1;
  const p = _malloc(n);
  stringToUTF8(value, p, n);
  return p;
});

EM_JS(void, js_storage_set, (const char* key, const char* value), {
  // Storage may be full or disabled (private mode): remembering a mapping is a convenience.
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, js_offer_download, (const char* name, const char* data, int size, const char* mime), {
  const bytes = HEAPU8.slice(data, data + size);
  const url = URL.createObjectURL(new Blob([bytes], { type: UTF8ToString(mime) }));
  const a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});

std::optional<std::string> storage_get(const std::string& key) {
  char* value = js_storage_get(key.c_str());
  if (!value) return std::nullopt;
  std::string out(value);
  std::free(value);
  return out;
}

void storage_set(const std::string& key, const std::string& value) { js_storage_set(key.c_str(), value.c_str()); }

void offer_download(const std::string& file_name, const std::string& bytes, const std::string& mime_type) {
  js_offer_download(file_name.c_str(), bytes.data(), static_cast<int>(bytes.size()), mime_type.c_str());
}

std::string header_layout_key(const std::vector<std::string>& headers) {
  // FNV-1a over the headers with a separator byte that cannot occur in a header.
  std::uint64_t h = 1469598103934665603ull;
  for (const std::string& header : headers) {
    for (unsigned char c : header) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1F) * 1099511628211ull;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "ss.mapping.%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace ss::app
