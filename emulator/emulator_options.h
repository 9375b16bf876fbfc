// emulator_options.h: every knob of feishu-emulator in one struct (filled by main.cpp or by tests).
#pragma once

#include "client_tokens.h"
#include "fault_injector.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace feishu_emulator {

struct EmulatorOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: pick a free port
  // Demo credentials: not secret, the emulator only runs on loopback for the demo and the tests.
  std::string app_id = "cli_demo_student_sync";
  std::string app_secret = "demo_secret_not_for_production";
  int64_t token_ttl_s = 7200;
  int64_t token_renew_below_s = 1800;
  int latency_ms = 0;
  int jitter_ms = 0;
  double fault_rate = 0;
  uint64_t fault_seed = 1;
  std::vector<FaultKind> fault_kinds = *parse_fault_kinds("all");
  ClientTokenMode client_token_mode = ClientTokenMode::kReplay;
  size_t max_batch = 500;
  int read_rps = 20;
  int write_rps = 50;
  std::string base_file;
  std::string db_file;
  std::string time_zone = "Asia/Shanghai";
  int threads = 32;  // handlers sleep for latency: more threads than cores keep overlap observable
  std::function<int64_t()> now_ms;  // wall clock for tokens and dates; tests inject a fake one
};

}  // namespace feishu_emulator
