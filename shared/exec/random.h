// random.h — the executor's only source of randomness (backoff jitter, client_token UUIDs), seeded by
// the caller: tests replay a run from its seed; the CLI and the page seed from the platform's entropy.
// Not cryptographic: a client_token only has to be unique among this app's calls (feishu-bitable-api.md
// §3.4: "standard UUIDv4"), and 122 random bits from a well-seeded SplitMix64 stream are plenty.
#pragma once

#include <cstdint>
#include <string>

namespace ss {

// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, passes BigCrush, trivially seedable.
class Rng {
 public:
  explicit Rng(uint64_t seed = 0) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) (bound 0 → 0); the modulo bias is irrelevant for jitter.
  uint64_t below(uint64_t bound) { return bound == 0 ? 0 : next() % bound; }

 private:
  uint64_t state_;
};

// "xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx", Y ∈ 8,9,a,b (RFC 4122 version 4, variant 1); the emulator
// refuses anything else with 1254037.
std::string make_uuid_v4(Rng& rng);

}  // namespace ss
