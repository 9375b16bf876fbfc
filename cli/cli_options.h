// cli_options.h — student-sync's command line, parsed into one struct (no globals).
//
//   student-sync plan FILE [options]      preview: what a sync would write (text, or --json)
//   student-sync sync FILE [options]      run it, with progress, and --report out.csv
// Input:      --mapping M.json  --course X  --date YYYY-MM-DD  --schema S.json
// Direct:     --base-url URL --app-token T --students-table ID --records-table ID
//             (FEISHU_APP_ID / FEISHU_APP_SECRET from the environment)
// Proxy:      --proxy URL --user U --password-env VAR
// Other:      --json  --report out.csv  --seed N (client_tokens and jitter; default: fresh entropy)
//             --quiet  --max-attempts N  --initial-delay-ms N
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"

namespace ss {

enum class CliCommand { kPlan, kSync, kHelp };

struct CliOptions {
  CliCommand command = CliCommand::kHelp;
  std::string file;
  std::string mapping_file, schema_file, course, date;
  bool json = false;
  bool quiet = false;
  std::string report_file;
  // direct mode
  std::string base_url, app_token, students_table, records_table;
  // proxy mode
  std::string proxy_url, user, password_env;
  std::optional<uint64_t> seed;
  int max_attempts = 0;         // 0: the engine's default
  int64_t initial_delay_ms = -1;

  bool proxy_mode() const { return !proxy_url.empty(); }
  bool has_connection() const { return proxy_mode() || !base_url.empty(); }
};

// Error kErrBadValue with an English message for the usage line.
Result<CliOptions> parse_cli(int argc, char** argv);

extern const char* const kCliUsage;

}  // namespace ss
