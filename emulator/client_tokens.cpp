// client_tokens.cpp: see client_tokens.h for the capability list.
#include "client_tokens.h"

#include <cctype>

namespace feishu_emulator {

bool is_uuid_v4(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  const char variant = static_cast<char>(std::tolower(static_cast<unsigned char>(s[19])));
  return s[14] == '4' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

ClientTokens::Begin ClientTokens::begin(const std::string& key, const std::string& fingerprint) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  for (auto it = entries_.begin(); it != entries_.end();)  // 24 h memory (§ Decisions)
    it = (!it->second.in_flight && now - it->second.at > std::chrono::hours(24)) ? entries_.erase(it) : std::next(it);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    entries_[key] = Entry{fingerprint, nullptr, true, now};
    return {State::kFresh, nullptr};
  }
  if (mode_ == ClientTokenMode::kConflict) return {State::kConflict, nullptr};
  if (it->second.in_flight) return {State::kInFlight, nullptr};
  if (it->second.fingerprint != fingerprint) return {State::kConflict, nullptr};
  return {State::kReplay, it->second.response};
}

void ClientTokens::finish(const std::string& key, const nlohmann::json& response) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& e = entries_[key];
  e.response = response;
  e.in_flight = false;
  e.at = std::chrono::steady_clock::now();
}

void ClientTokens::abandon(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

}  // namespace feishu_emulator
