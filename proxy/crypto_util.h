// crypto_util.h — the few OpenSSL primitives the proxy needs, wrapped so callers never touch raw buffers.
//
// Implemented: [X] cryptographically random bytes as hex   [X] SHA-256 hex digest
//              [X] constant-time string comparison          [X] PBKDF2-HMAC-SHA256 (OpenSSL PKCS5_PBKDF2_HMAC)
//              [X] base64 (standard alphabet, padded)
#pragma once

#include <string>

namespace ssproxy {

// `bytes` random bytes from OpenSSL's CSPRNG, hex-encoded (2 * bytes characters). Aborts if the
// CSPRNG fails: continuing with a predictable session id would be worse than stopping.
std::string random_hex(size_t bytes);
std::string sha256_hex(const std::string& data);
// True when a == b, in time independent of where they differ (CRYPTO_memcmp); lengths may differ.
bool constant_time_equal(const std::string& a, const std::string& b);
std::string pbkdf2_sha256(const std::string& password, const std::string& salt, int iterations, size_t out_bytes);
std::string base64_encode(const std::string& data);
// Empty optional-like result: returns false on malformed input.
bool base64_decode(const std::string& text, std::string* out);

}  // namespace ssproxy
