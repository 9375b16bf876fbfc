// retry_policy.h — what to do with one Bitable answer (success, retry, renew, reconcile, fail) and how
// long to wait before the next attempt.
//
// Implemented:
//   [X] Decision by the JSON `code`, never the HTTP status alone (feishu-bitable-api.md § Decisions, §2);
//       the HTTP status only matters when no JSON came back (status 0, a plain-text 500 from a gateway).
//   [X] Retryable (§6.2, §6.3, §7 "retry" column): 99991400 (waits x-ogw-ratelimit-reset seconds),
//       1254290, 1254291, 1254607, 1254112, 1254608, 1255001–1255005, 1255040, HTTP 5xx/429 without JSON,
//       status 0 (no answer: the call may or may not have been applied).
//   [X] Token expired/missing 99991663 / 99991661: retry; the proxy or the direct-mode token layer renews
//       (the official Go SDK re-sends once after renewing, §1.5).
//   [X] Through the proxy: its -502 (Feishu unreachable from the proxy) is retried like status 0; its
//       other negative codes (-401 signed out, -403 CSRF, …) are not.
//   [X] 1255006 client token conflict: its own verdict, the executor re-reads before re-sending.
//   [X] Exponential backoff with "equal jitter" (half fixed, half random) from a seeded Rng.
//   [X] maybe_applied: whether a failed attempt may have changed the table (no answer, 5xx, internal
//       errors) — what makes a later 1255006 ambiguous.
// Missing:
//   [ ] 1254040–1254044 right after a create (replication delay, §7 note) are not retried: this engine
//       never reads a record it has just created.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "exec/random.h"
#include "transport/transport.h"

namespace ss {

// The executor's own codes (negative, like core/result.h's; that file stops at -10).
constexpr int kErrNoAnswer = -20;          // no HTTP answer (connection refused/dropped, timeout)
constexpr int kErrHttpStatus = -21;        // an HTTP error without a Feishu JSON body
constexpr int kErrStudentNotCreated = -22; // a learning record whose planned student could not be created
constexpr int kErrCancelled = -23;         // the run was cancelled before this call could finish

// student-sync-proxy's own answer when Feishu is unreachable from it (proxy/README.md, "-502").
constexpr int kProxyUpstreamUnreachable = -502;

enum class Verdict { kSuccess, kRetry, kRenewToken, kClientTokenConflict, kFail };

struct Classified {
  Verdict verdict = Verdict::kFail;
  int code = 0;             // Feishu code, or kErrNoAnswer / kErrHttpStatus / kErrBadJson
  std::string message;      // Feishu msg (+ error.message), or the transport's words
  int64_t retry_after_ms = -1;  // from x-ogw-ratelimit-reset, when present
  bool maybe_applied = false;
  nlohmann::json data;      // the envelope's `data` on success
};

Classified classify_response(const HttpResponse& response);

bool is_retryable_code(int code);

struct RetryPolicy {
  int64_t initial_delay_ms = 500;   // Feishu advises 0.5–1 s between write retries (§6.3)
  int64_t max_delay_ms = 16'000;
  int max_attempts = 10;            // per call, first attempt included
  int64_t max_elapsed_ms = 180'000; // per call, from its first attempt
  int max_token_renewals = 3;       // 99991663/99991661 answers tolerated per call
  int max_reconciles = 3;           // 1255006 re-reads per batch
};

// Wait before attempt number `attempt + 1` (attempt ≥ 1 is the one that just failed).
int64_t backoff_delay_ms(const RetryPolicy& policy, int attempt, int64_t retry_after_ms, Rng& rng);

}  // namespace ss
