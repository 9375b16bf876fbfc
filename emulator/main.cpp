// main.cpp: feishu-emulator's command line. Parses flags into EmulatorOptions, starts the server,
// prints "feishu-emulator listening on http://HOST:PORT" and waits for SIGTERM/SIGINT.
#include "emulator_server.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using feishu_emulator::EmulatorOptions;

namespace {

const char kUsage[] =
    "usage: feishu-emulator [flags]\n"
    "  --host H (127.0.0.1)  --port N (0 = any free port)\n"
    "  --app-id ID --app-secret S   (env FEISHU_APP_ID / FEISHU_APP_SECRET; demo defaults)\n"
    "  --token-ttl SECONDS (7200)  --token-renew-below SECONDS (1800)\n"
    "  --latency-ms N  --jitter-ms N\n"
    "  --fault-rate 0..1  --fault-seed N  --fault-kinds all|rate_limit,write_conflict,data_not_ready,\n"
    "                                                 internal,http500,drop,lost_response\n"
    "  --client-token-mode replay|conflict  --max-batch N (500)\n"
    "  --read-rps N (20)  --write-rps N (50)   0 disables the limit\n"
    "  --base FILE  --db FILE  --time-zone Asia/Shanghai  --threads N (32)\n";

bool parse_number(const char* s, double& out) {
  char* end = nullptr;
  out = std::strtod(s, &end);
  return *s && end && *end == '\0';
}

// Fills `o` from argv; returns an error text, or "" on success.
std::string parse_flags(int argc, char** argv, EmulatorOptions& o) {
  if (const char* v = std::getenv("FEISHU_APP_ID")) o.app_id = v;
  if (const char* v = std::getenv("FEISHU_APP_SECRET")) o.app_secret = v;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") return "help";
    if (i + 1 >= argc) return "flag " + flag + " needs a value";
    const char* value = argv[++i];
    double n = 0;
    const bool numeric = parse_number(value, n);
    auto need_number = [&](double lo, double hi) { return numeric && n >= lo && n <= hi; };
    if (flag == "--host") o.host = value;
    else if (flag == "--port" && need_number(0, 65535)) o.port = static_cast<int>(n);
    else if (flag == "--app-id") o.app_id = value;
    else if (flag == "--app-secret") o.app_secret = value;
    else if (flag == "--token-ttl" && need_number(1, 7200)) o.token_ttl_s = static_cast<int64_t>(n);
    else if (flag == "--token-renew-below" && need_number(0, 7200)) o.token_renew_below_s = static_cast<int64_t>(n);
    else if (flag == "--latency-ms" && need_number(0, 600000)) o.latency_ms = static_cast<int>(n);
    else if (flag == "--jitter-ms" && need_number(0, 600000)) o.jitter_ms = static_cast<int>(n);
    else if (flag == "--fault-rate" && need_number(0, 1)) o.fault_rate = n;
    else if (flag == "--fault-seed" && numeric) o.fault_seed = std::strtoull(value, nullptr, 10);
    else if (flag == "--fault-kinds") {
      auto kinds = feishu_emulator::parse_fault_kinds(value);
      if (!kinds) return std::string("unknown fault kind in '") + value + "'";
      o.fault_kinds = *kinds;
    } else if (flag == "--client-token-mode" && (!std::strcmp(value, "replay") || !std::strcmp(value, "conflict")))
      o.client_token_mode = !std::strcmp(value, "replay") ? feishu_emulator::ClientTokenMode::kReplay
                                                          : feishu_emulator::ClientTokenMode::kConflict;
    else if (flag == "--max-batch" && need_number(1, 100000)) o.max_batch = static_cast<size_t>(n);
    else if (flag == "--read-rps" && need_number(0, 1e6)) o.read_rps = static_cast<int>(n);
    else if (flag == "--write-rps" && need_number(0, 1e6)) o.write_rps = static_cast<int>(n);
    else if (flag == "--base") o.base_file = value;
    else if (flag == "--db") o.db_file = value;
    else if (flag == "--time-zone") o.time_zone = value;
    else if (flag == "--threads" && need_number(1, 1024)) o.threads = static_cast<int>(n);
    else return "bad flag or value: " + flag + " " + value;
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  EmulatorOptions options;
  const std::string problem = parse_flags(argc, argv, options);
  if (!problem.empty()) {
    if (problem != "help") std::fprintf(stderr, "feishu-emulator: %s\n", problem.c_str());
    std::fputs(kUsage, problem == "help" ? stdout : stderr);
    return problem == "help" ? 0 : 2;
  }
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  feishu_emulator::EmulatorServer server(options);
  auto port = server.start();
  if (!port.ok()) {
    std::fprintf(stderr, "feishu-emulator: %s\n", port.error().message.c_str());
    return 1;
  }
  std::printf("feishu-emulator listening on http://%s:%d\n", options.host.c_str(), port.value());
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  server.stop();
  std::fprintf(stderr, "feishu-emulator: stopped by signal %d\n", received);
  return 0;
}
