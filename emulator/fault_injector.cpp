// fault_injector.cpp: see fault_injector.h for the capability list.
#include "fault_injector.h"

#include <sstream>

namespace feishu_emulator {
namespace {
const std::pair<FaultKind, const char*> kNames[] = {
    {FaultKind::kRateLimit, "rate_limit"}, {FaultKind::kWriteConflict, "write_conflict"},
    {FaultKind::kDataNotReady, "data_not_ready"}, {FaultKind::kInternal, "internal"},
    {FaultKind::kHttp500, "http500"}, {FaultKind::kDrop, "drop"}, {FaultKind::kLostResponse, "lost_response"}};
constexpr size_t kMaxLog = 10000;
}  // namespace

std::string fault_name(FaultKind k) {
  for (const auto& [kind, name] : kNames)
    if (kind == k) return name;
  return "none";
}

std::optional<std::vector<FaultKind>> parse_fault_kinds(const std::string& list) {
  std::vector<FaultKind> out;
  if (list == "all") {
    for (const auto& [kind, name] : kNames) out.push_back(kind);
    return out;
  }
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    bool found = false;
    for (const auto& [kind, name] : kNames)
      if (item == name) {
        out.push_back(kind);
        found = true;
      }
    if (!found) return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

FaultInjector::FaultInjector(FaultOptions options) : options_(std::move(options)), rng_(options_.seed) {}

FaultKind FaultInjector::next(const std::string& endpoint) {
  std::lock_guard<std::mutex> lock(mu_);
  ++calls_;
  if (options_.rate <= 0 || options_.kinds.empty()) return FaultKind::kNone;
  // Two draws per call, always, so the sequence depends only on the seed and the number of calls.
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  const uint64_t pick = rng_();
  if (u >= options_.rate) return FaultKind::kNone;
  const FaultKind k = options_.kinds[pick % options_.kinds.size()];
  if (log_.size() < kMaxLog) log_.push_back({{"call", calls_}, {"endpoint", endpoint}, {"fault", fault_name(k)}});
  return k;
}

nlohmann::json FaultInjector::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& e : log_) counts[e["fault"].get<std::string>()] = counts.value(e["fault"].get<std::string>(), 0) + 1;
  return {{"rate", options_.rate}, {"seed", options_.seed}, {"calls_seen", calls_}, {"injected", counts}, {"log", log_}};
}

void FaultInjector::reset_stats() {
  std::lock_guard<std::mutex> lock(mu_);
  log_ = nlohmann::json::array();
}

}  // namespace feishu_emulator
