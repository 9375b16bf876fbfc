// progress_bar.cpp — see progress_bar.h.
#include "progress_bar.h"

namespace ss {

void ProgressBar::update(const ExecProgress& p) {
  if (p.phase == ExecPhase::kDone) return;
  if (p.phase == last_phase_ && p.done == last_done_) return;
  const bool new_phase = p.phase != last_phase_;
  last_phase_ = p.phase;
  last_done_ = p.done;
  if (p.total == 0) return;
  if (!tty_) {
    std::fprintf(out_, "%s %zu/%zu%s\n", exec_phase_name(p.phase), p.done, p.total,
                 p.failed ? ("（失败 " + std::to_string(p.failed) + "）").c_str() : "");
    std::fflush(out_);
    return;
  }
  if (new_phase && drawn_) std::fputc('\n', out_);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * p.done / p.total);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '-');
  std::fprintf(out_, "\r%s [%s] %zu/%zu  调用 %zu 次%s", exec_phase_name(p.phase), bar.c_str(), p.done, p.total, p.calls,
               p.failed ? ("  失败 " + std::to_string(p.failed)).c_str() : "");
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (tty_ && drawn_) std::fputc('\n', out_);
  drawn_ = false;
}

}  // namespace ss
