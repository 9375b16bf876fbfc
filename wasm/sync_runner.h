// sync_runner.h — the engine's asynchronous parts in the page: reading the tables for the preview,
// executing the plan with live progress, and the demo panel's view of the tables. The same
// shared/exec code as the CLI, over FetchTransport and the browser's timers.
#pragma once

#include <memory>

#include "app_state.h"
#include "browser/browser_scheduler.h"
#include "browser/fetch_transport.h"
#include "exec/bitable_routes.h"
#include "exec/call_runner.h"
#include "exec/random.h"

namespace ss::app {

class FontAtlas;

class SyncRunner {
 public:
  SyncRunner(AppState& state, FetchTransport& transport, FontAtlas& atlas);
  ~SyncRunner();

  // After a successful import: read what planning needs, then plan (the preview).
  void prepare_preview();
  void start_sync();
  void cancel();
  void refresh_demo_tables();
  // Courses already in 学习记录表, for the course picker (first pages only: a hint, not a report).
  void load_known_courses();

 private:
  struct Operation;  // one read or sync in flight, with its own CallRunner
  Operation& begin(std::unique_ptr<Operation>& slot);
  void finish_sync();

  AppState& state_;
  FetchTransport& transport_;
  FontAtlas& atlas_;  // text read from the tables is shown, so its characters go into the atlas
  BrowserScheduler scheduler_;
  Rng rng_;
  ProxyRoutes routes_;
  std::unique_ptr<Operation> preview_op_;
  std::unique_ptr<Operation> sync_op_;
  std::unique_ptr<Operation> demo_op_;
  std::unique_ptr<Operation> courses_op_;
  std::uint64_t preview_generation_ = 0;
};

}  // namespace ss::app
