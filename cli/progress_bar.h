// progress_bar.h — sync progress on stderr: a redrawn bar on a terminal, plain lines otherwise (logs,
// CI), so piping the output never fills it with carriage returns.
#pragma once

#include <cstdio>
#include <string>

#include "exec/executor.h"

namespace ss {

class ProgressBar {
 public:
  explicit ProgressBar(std::FILE* out, bool tty) : out_(out), tty_(tty) {}
  void update(const ExecProgress& p);
  void finish();

 private:
  std::FILE* out_;
  bool tty_;
  bool drawn_ = false;
  ExecPhase last_phase_ = ExecPhase::kDone;
  size_t last_done_ = static_cast<size_t>(-1);
};

}  // namespace ss
