// retry_policy.cpp — see retry_policy.h.
#include "exec/retry_policy.h"

#include <algorithm>
#include <cstdlib>

#include "core/result.h"
#include "feishu/feishu_envelope.h"

namespace ss {

bool is_retryable_code(int code) {
  switch (code) {
    case 99991400:  // rate limited (gateway)
    case 1254290:   // TooManyRequest
    case 1254291:   // write conflict: another write to the table was running
    case 1254607:   // data not ready
    case 1254112:   // too many requests in one Base
    case 1254608:   // same client_token still being processed
    case 1255040:   // request timed out
      return true;
    default:
      return code >= 1255001 && code <= 1255005;  // internal / rpc / (un)marshal / conversion errors
  }
}

namespace {

// Codes whose attempt was refused before anything was written (rate limiting, locks, auth).
bool refused_before_apply(int code) {
  return code == 99991400 || code == 1254290 || code == 1254291 || code == 1254607 || code == 1254112 ||
         code == 1254608 || code == 99991661 || code == 99991663;
}

bool starts_like_json(const std::string& body) {
  for (char c : body) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

Classified classify_response(const HttpResponse& r) {
  Classified c;
  if (r.status == 0) {
    c.verdict = Verdict::kRetry;
    c.code = kErrNoAnswer;
    c.message = "没有收到飞书的回答：" + (r.transport_error.empty() ? std::string("连接中断") : r.transport_error);
    c.maybe_applied = true;
    return c;
  }
  if (!starts_like_json(r.body)) {
    c.code = kErrHttpStatus;
    c.message = "HTTP " + std::to_string(r.status) + "：" + r.body.substr(0, 120);
    c.verdict = (r.status >= 500 || r.status == 429) ? Verdict::kRetry : Verdict::kFail;
    c.maybe_applied = r.status >= 500;
    return c;
  }
  auto data = parse_feishu_envelope(r.body);
  if (data.ok()) {
    c.verdict = Verdict::kSuccess;
    c.data = std::move(data.value());
    return c;
  }
  c.code = data.error().code;
  c.message = data.error().message;
  if (const std::string reset = r.header("x-ogw-ratelimit-reset"); !reset.empty()) {
    char* end = nullptr;
    const double seconds = std::strtod(reset.c_str(), &end);
    if (end != reset.c_str() && seconds >= 0 && seconds < 3600) c.retry_after_ms = static_cast<int64_t>(seconds * 1000);
  }
  if (c.code == 99991663 || c.code == 99991661) {
    c.verdict = Verdict::kRenewToken;
  } else if (c.code == 1255006) {
    c.verdict = Verdict::kClientTokenConflict;
  } else if (is_retryable_code(c.code)) {
    c.verdict = Verdict::kRetry;
    c.maybe_applied = !refused_before_apply(c.code);
  } else if (c.code == kProxyUpstreamUnreachable) {
    // The proxy could not reach Feishu (or lost its answer): the same as no answer for us.
    c.verdict = Verdict::kRetry;
    c.maybe_applied = true;
  } else if (c.code == kErrBadJson && r.status >= 500) {
    c.verdict = Verdict::kRetry;  // a gateway's broken JSON: same as a plain-text 5xx
    c.maybe_applied = true;
  } else {
    c.verdict = Verdict::kFail;
  }
  return c;
}

int64_t backoff_delay_ms(const RetryPolicy& p, int attempt, int64_t retry_after_ms, Rng& rng) {
  if (retry_after_ms >= 0) {
    // The gateway told us when the window reopens (§6.2); a little jitter keeps callers apart.
    return retry_after_ms + static_cast<int64_t>(rng.below(static_cast<uint64_t>(std::max<int64_t>(1, p.initial_delay_ms / 4) + 1)));
  }
  int64_t delay = std::max<int64_t>(1, p.initial_delay_ms);
  for (int i = 1; i < attempt && delay < p.max_delay_ms; ++i) delay *= 2;
  delay = std::min(delay, std::max<int64_t>(1, p.max_delay_ms));
  const int64_t half = delay / 2;
  return half + static_cast<int64_t>(rng.below(static_cast<uint64_t>(delay - half + 1)));
}

}  // namespace ss
