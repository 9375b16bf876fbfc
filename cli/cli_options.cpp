// cli_options.cpp — see cli_options.h.
#include "cli_options.h"

#include <cstdlib>
#include <cstring>

namespace ss {

const char* const kCliUsage =
    "usage: student-sync plan FILE [options]   preview what a sync would write\n"
    "       student-sync sync FILE [options]   write it to Bitable\n"
    "input:  --mapping M.json  --course NAME  --date YYYY-MM-DD  --schema S.json\n"
    "direct: --base-url URL --app-token T --students-table ID --records-table ID\n"
    "        (credentials from FEISHU_APP_ID / FEISHU_APP_SECRET)\n"
    "proxy:  --proxy URL --user NAME --password-env VAR\n"
    "other:  --json  --report out.csv  --seed N  --quiet  --max-attempts N  --initial-delay-ms N\n"
    "exit:   0 success, 1 some rows failed, 2 bad input (file/mapping/options), 3 cannot reach or sign in\n";

Result<CliOptions> parse_cli(int argc, char** argv) {
  CliOptions o;
  if (argc < 2) return o;
  const std::string cmd = argv[1];
  if (cmd == "plan") o.command = CliCommand::kPlan;
  else if (cmd == "sync") o.command = CliCommand::kSync;
  else if (cmd == "help" || cmd == "--help" || cmd == "-h") return o;
  else return Error{kErrBadValue, "unknown command '" + cmd + "'"};
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") { o.json = true; continue; }
    if (a == "--quiet") { o.quiet = true; continue; }
    if (a == "--help" || a == "-h") { o.command = CliCommand::kHelp; return o; }
    if (a.rfind("--", 0) != 0) {
      if (!o.file.empty()) return Error{kErrBadValue, "more than one FILE: '" + o.file + "' and '" + a + "'"};
      o.file = a;
      continue;
    }
    if (i + 1 >= argc) return Error{kErrBadValue, "option " + a + " needs a value"};
    const std::string v = argv[++i];
    auto number = [&](int64_t lo, int64_t hi) -> std::optional<int64_t> {
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end || n < lo || n > hi) return std::nullopt;
      return n;
    };
    if (a == "--mapping") o.mapping_file = v;
    else if (a == "--schema") o.schema_file = v;
    else if (a == "--course") o.course = v;
    else if (a == "--date") o.date = v;
    else if (a == "--report") o.report_file = v;
    else if (a == "--base-url") o.base_url = v;
    else if (a == "--app-token") o.app_token = v;
    else if (a == "--students-table") o.students_table = v;
    else if (a == "--records-table") o.records_table = v;
    else if (a == "--proxy") o.proxy_url = v;
    else if (a == "--user") o.user = v;
    else if (a == "--password-env") o.password_env = v;
    else if (a == "--seed") {
      char* end = nullptr;
      const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end) return Error{kErrBadValue, "--seed needs a number"};
      o.seed = n;
    } else if (a == "--max-attempts") {
      auto n = number(1, 100);
      if (!n) return Error{kErrBadValue, "--max-attempts needs 1..100"};
      o.max_attempts = static_cast<int>(*n);
    } else if (a == "--initial-delay-ms") {
      auto n = number(1, 600000);
      if (!n) return Error{kErrBadValue, "--initial-delay-ms needs 1..600000"};
      o.initial_delay_ms = *n;
    } else {
      return Error{kErrBadValue, "unknown option " + a};
    }
  }
  if (o.file.empty()) return Error{kErrBadValue, "missing FILE"};
  if (o.proxy_mode()) {
    if (!o.base_url.empty()) return Error{kErrBadValue, "use either --proxy or --base-url, not both"};
    if (o.user.empty() || o.password_env.empty()) return Error{kErrBadValue, "--proxy needs --user and --password-env"};
  } else if (!o.base_url.empty()) {
    if (o.app_token.empty() || o.students_table.empty() || o.records_table.empty()) {
      return Error{kErrBadValue, "--base-url needs --app-token, --students-table and --records-table"};
    }
  }
  if (o.command == CliCommand::kSync && !o.has_connection()) {
    return Error{kErrBadValue, "sync needs --base-url … (direct) or --proxy … (through the proxy)"};
  }
  return o;
}

}  // namespace ss
