// fuzz_proxy_static_path.cpp — libFuzzer target for the proxy's request validation that is exposed as
// pure functions: the static-file path check (proxy/static_files.h safe_relative_path) applied, as in
// StaticFiles::serve, to the URL-decoded request path (cpp-httplib's own decode_url, as the server does
// before routing), plus mime_type_for on the result.
//
// Checked beyond "no crash": an accepted path is relative, has no empty, "." or ".." segment, no
// dot-file, no backslash, colon or control byte — whatever encoding the attacker used (%2e%2e, %00, %5c).
//
// Not covered here (not pure functions today, see fuzz/README.md): the table-call query and body
// validation inside forward_table_call (it reaches the upstream for valid input), and query_params,
// parse_object and is_hex64 (internal to proxy_app.cpp).
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "static_files.h"

namespace {

void check_accepted(const std::string& relative) {
  if (relative.empty() || relative[0] == '/') std::abort();
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    const std::string seg = relative.substr(start, end - start);
    if (seg.empty() || seg[0] == '.') std::abort();
    for (unsigned char c : seg)
      if (c < 0x20 || c == 0x7F || c == '\\' || c == ':') std::abort();
    start = end + 1;
  }
}

void run(const std::string& decoded) {
  std::string relative;
  if (!ssproxy::safe_relative_path(decoded, &relative)) return;
  check_accepted(relative);
  (void)ssproxy::mime_type_for(relative);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  run(raw);                                          // the path as if already decoded
  run(httplib::detail::decode_url(raw, false));      // the server decodes the target's path
  run(httplib::detail::decode_url(raw, true));       // and '+' as space, as in query strings
  return 0;
}
