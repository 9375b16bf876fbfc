// sha256.h — SHA-256 of a byte string, as lowercase hex. The audit trail identifies an uploaded file by
// its hash; the page computes it itself because crypto.subtle exists only in secure contexts, and the
// proxy may be served over plain HTTP on an internal host.
#pragma once

#include <string>
#include <string_view>

namespace ss {

std::string sha256_hex(std::string_view bytes);

}  // namespace ss
