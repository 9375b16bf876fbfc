// password_hash.cpp — see password_hash.h.
#include "password_hash.h"

#include <openssl/rand.h>

#include <cstdlib>
#include <vector>

#include "crypto_util.h"

namespace ssproxy {

namespace {
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}
}  // namespace

std::string hash_password(const std::string& password, int iterations) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&salt[0]), static_cast<int>(salt.size())) != 1) std::abort();
  std::string hash = pbkdf2_sha256(password, salt, iterations, kHashBytes);
  return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + base64_encode(salt) + "$" + base64_encode(hash);
}

bool verify_password(const std::string& password, const std::string& stored) {
  std::vector<std::string> parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != "pbkdf2_sha256") return false;
  char* end = nullptr;
  long iterations = std::strtol(parts[1].c_str(), &end, 10);
  if (end == nullptr || *end != '\0' || iterations < 1 || iterations > 100000000) return false;
  std::string salt, expected;
  if (!base64_decode(parts[2], &salt) || !base64_decode(parts[3], &expected) || expected.empty()) return false;
  std::string actual = pbkdf2_sha256(password, salt, static_cast<int>(iterations), expected.size());
  return constant_time_equal(actual, expected);
}

void dummy_password_check(const std::string& password, int iterations) {
  (void)pbkdf2_sha256(password, std::string(kSaltBytes, 'x'), iterations, kHashBytes);
}

std::string generate_password() {
  // No 0/O, 1/l/I: people copy these from a terminal.
  static const char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const size_t n = sizeof(kAlphabet) - 1;
  std::string out;
  while (out.size() < 20) {
    unsigned char b = 0;
    if (RAND_bytes(&b, 1) != 1) std::abort();
    if (b >= 256 - (256 % n)) continue;  // rejection sampling keeps the distribution uniform
    out.push_back(kAlphabet[b % n]);
  }
  return out;
}

}  // namespace ssproxy
