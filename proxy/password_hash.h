// password_hash.h — staff passwords as salted PBKDF2-HMAC-SHA256.
//
// Implemented: [X] format "pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>" (16-byte salt, 32-byte hash),
//                  so the iteration count can rise later without invalidating stored hashes
//              [X] verification in constant time (CRYPTO_memcmp)
//              [X] a dummy verification for unknown accounts, so response time does not reveal names
//              [X] generated passwords (20 characters from an unambiguous alphabet, ~115 bits)
#pragma once

#include <string>

namespace ssproxy {

constexpr int kDefaultPasswordIterations = 200000;  // OWASP 2023 suggests ≥ 600k; 200k is the project's floor
constexpr size_t kMinPasswordLength = 10;

std::string hash_password(const std::string& password, int iterations);
bool verify_password(const std::string& password, const std::string& stored);
// Burns the same time as a verification, for accounts that do not exist.
void dummy_password_check(const std::string& password, int iterations);
std::string generate_password();

}  // namespace ssproxy
