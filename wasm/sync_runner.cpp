#include "sync_runner.h"

#include <emscripten.h>

#include <map>
#include <set>

#include "core/sha256.h"
#include "exec/executor.h"
#include "exec/snapshot_fetch.h"
#include "exec/table_reader.h"
#include "font_atlas.h"
#include "report/error_explanation.h"
#include "feishu/search_request.h"
#include "normalize/date_parser.h"
#include "plan/sync_plan.h"

namespace ss::app {

struct SyncRunner::Operation {
  CallStats stats;
  std::unique_ptr<CallRunner> runner;
  std::unique_ptr<SnapshotFetcher> fetcher;
  std::unique_ptr<TableReader> reader;
  std::unique_ptr<Executor> executor;
  std::string run_id;  // the proxy's audit run
};

namespace {

// Seeds the engine's RNG (client_token UUIDs, jitter) from the browser's crypto source: two tabs
// syncing at once must not produce the same client_tokens.
EM_JS(double, js_random_seed, (), {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a);
  return a[0] * 4294967296 + a[1];
});

std::vector<ExtraColumn> extras_of(const AppState& state) {
  std::vector<ExtraColumn> extras;
  if (state.import.imported)
    for (const ResolvedExtra& e : state.import.imported->rows.columns.extras) extras.push_back(e.spec);
  return extras;
}

}  // namespace

SyncRunner::SyncRunner(AppState& state, FetchTransport& transport, FontAtlas& atlas)
    : state_(state), transport_(transport), atlas_(atlas), rng_(static_cast<uint64_t>(js_random_seed())) {}

SyncRunner::~SyncRunner() = default;

// A new operation in `slot` replaces the previous one; the old CallRunner's liveness flag drops its
// late answers, so a superseded preview can never overwrite a newer one.
SyncRunner::Operation& SyncRunner::begin(std::unique_ptr<Operation>& slot) {
  if (slot && slot->runner) slot->runner->cancel();
  slot = std::make_unique<Operation>();
  slot->runner = std::make_unique<CallRunner>(transport_, scheduler_, RetryPolicy{}, rng_, slot->stats);
  return *slot;
}

void SyncRunner::prepare_preview() {
  if (!state_.import.imported) return;
  PreviewState& pv = state_.preview;
  pv = PreviewState{};
  pv.snapshot_loading = true;
  state_.stage = Stage::kPreview;
  Operation& op = begin(preview_op_);
  const std::uint64_t generation = ++preview_generation_;
  op.fetcher = std::make_unique<SnapshotFetcher>(*op.runner, routes_, state_.schema, extras_of(state_));
  op.fetcher->fetch(distinct_user_ids(state_.import.imported->rows), [this, generation](Result<FetchedSnapshot> r) {
    if (generation != preview_generation_ || !state_.import.imported) return;
    PreviewState& pv = state_.preview;
    pv.snapshot_loading = false;
    if (!r.ok()) {
      pv.snapshot_error = r.error();
      atlas_.want_glyphs(pv.snapshot_error->message);
      return;
    }
    pv.snapshot_ready = true;
    pv.snapshot_calls = r->stats.calls;
    pv.snapshot = std::move(r->snapshot);
    pv.plan = make_plan(state_.import.imported->rows, pv.snapshot, state_.schema, &state_.import.imported->users);
    atlas_.want_glyphs(plan_summary(*pv.plan));
    for (const FieldConflict& c : pv.plan->conflicts)
      for (const ConflictValue& v : c.others) atlas_.want_glyphs(v.value);
    for (const std::string& note : pv.plan->notes) atlas_.want_glyphs(note);
  });
}

void SyncRunner::load_known_courses() {
  Operation& op = begin(courses_op_);
  op.reader = std::make_unique<TableReader>(*op.runner, routes_, state_.schema);
  ReadJob job;
  job.table = TableKind::kRecords;
  job.bodies = {full_scan_body(TableKind::kRecords, state_.schema, {})};
  job.max_pages = 4;
  op.reader->read(std::move(job), [this](Result<ReadOutcome> r) {
    if (!r.ok()) return;
    std::set<std::string> courses;
    for (const RecordSnapshot& rec : r->part.records)
      if (!rec.course.empty() && courses.insert(rec.course).second) atlas_.want_glyphs(rec.course);
    state_.import.known_courses.assign(courses.begin(), courses.end());
  });
}

// The demo panel: every student with the learning records linked to it (read through the proxy, so it
// shows exactly what Feishu — here the emulator — holds).
void SyncRunner::refresh_demo_tables() {
  DemoTablesState& demo = state_.demo;
  demo.loading = true;
  Operation& op = begin(demo_op_);
  op.reader = std::make_unique<TableReader>(*op.runner, routes_, state_.schema);
  ReadJob students;
  students.table = TableKind::kStudents;
  students.bodies = {full_scan_body(TableKind::kStudents, state_.schema, {})};
  op.reader->read(std::move(students), [this](Result<ReadOutcome> s) {
    if (!s.ok() || !demo_op_) return void(state_.demo.loading = false);
    auto student_part = std::make_shared<Snapshot>(std::move(s->part));
    ReadJob records;
    records.table = TableKind::kRecords;
    records.bodies = {full_scan_body(TableKind::kRecords, state_.schema, {})};
    demo_op_->reader->read(std::move(records), [this, student_part](Result<ReadOutcome> r) {
      DemoTablesState& demo = state_.demo;
      demo.loading = false;
      if (!r.ok()) return;
      std::map<std::string, std::string> linked;  // student record_id → "课程 日期；…"
      demo.records = nlohmann::json::array();
      for (const RecordSnapshot& rec : r->part.records) {
        std::string text = rec.course + " " + (rec.date_ms ? format_date(civil_from_days(local_day_of_ms(
                                                                   *rec.date_ms, state_.schema.utc_offset_minutes)))
                                                           : std::string());
        for (const std::string& id : rec.student_ids) linked[id] += (linked[id].empty() ? "" : "；") + text;
        demo.records.push_back({{"user_id", rec.user_id}, {"course", rec.course}});
      }
      demo.students = nlohmann::json::array();
      for (const StudentSnapshot& st : student_part->students) {
        atlas_.want_glyphs(st.user_id);
        atlas_.want_glyphs(st.nickname);
        atlas_.want_glyphs(linked[st.record_id]);
        demo.students.push_back({{"user_id", st.user_id}, {"nickname", st.nickname}, {"phone", st.phone},
                                 {"records", linked[st.record_id]}});
      }
    });
  });
}

nlohmann::json counts_json(const ReportCounts& c) {
  return {{"students_created", c.students_created}, {"students_updated", c.students_updated},
          {"records_created", c.records_created}, {"skipped", c.skipped}, {"failed", c.failed}};
}

// Opens an audit run at the proxy (file name, hash, planned counts), then executes the plan; every write
// carries the run id, so the proxy's audit trail groups them.
void SyncRunner::start_sync() {
  if (!state_.preview.plan || state_.sync.running) return;
  const Plan& plan = *state_.preview.plan;
  SyncState& sync = state_.sync;
  sync = SyncState{};
  sync.running = true;
  sync.progress.phase = exec_phase_name(ExecPhase::kStudents);
  state_.stage = Stage::kSyncing;

  Operation& op = begin(sync_op_);
  const LoadedFile& file = state_.import.file;
  nlohmann::json run = {
      {"file_name", file.name},
      {"file_sha256", sha256_hex(std::string_view(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size()))},
      {"planned", counts_json(build_report(plan).counts)}};
  HttpRequest request{"POST", "/api/runs", run.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
  op.runner->run(std::move(request), false, [this](CallResult r) {
    if (!sync_op_) return;
    // The proxy's own answer ({"run_id":"…"}), not a Feishu envelope: read it directly.
    nlohmann::json answer = nlohmann::json::parse(r.response.body, nullptr, false);
    std::string run_id = r.response.status == 200 && answer.is_object() ? answer.value("run_id", "") : "";
    if (run_id.empty()) {
      // Without an audit run the proxy refuses nothing, but the history would miss this sync: stop here.
      state_.sync.running = false;
      state_.sync.report_note = "无法开始同步：代理没有创建同步记录（" + std::to_string(r.response.status) + "）。";
      state_.sync.report = build_report(*state_.preview.plan);
      state_.stage = Stage::kReport;
      return;
    }
    sync_op_->run_id = run_id;
    ExecutorOptions options;
    options.seed = rng_.next();
    options.headers = {{"X-Sync-Run", run_id}};
    sync_op_->executor = std::make_unique<Executor>(*state_.preview.plan, state_.schema, routes_, transport_,
                                                    scheduler_, options);
    sync_op_->executor->set_progress_handler([this](const ExecProgress& p) {
      SyncProgress& progress = state_.sync.progress;
      progress.phase = exec_phase_name(p.phase);
      progress.done = p.done;
      progress.total = p.total;
      state_.sync.api_calls = p.calls;
    });
    sync_op_->executor->start([this](const ExecSummary& summary) {
      state_.sync.cancelled = summary.cancelled;
      finish_sync();
    });
  });
}

void SyncRunner::finish_sync() {
  SyncState& sync = state_.sync;
  sync.running = false;
  sync.report = build_report(*state_.preview.plan, &sync_op_->executor->status());
  sync.api_calls = sync_op_->executor->summary().calls.calls;
  atlas_.want_glyphs(sync.report->summary());
  for (const RowOutcome& row : sync.report->rows)
    if (row.result == RowResult::kFailed) {
      atlas_.want_glyphs(row.detail);
      atlas_.want_glyphs(explain_error_code(row.feishu_code));
    }
  state_.stage = Stage::kReport;
  nlohmann::json achieved = {{"achieved", counts_json(sync.report->counts)}};
  HttpRequest request{"POST", "/api/runs/" + sync_op_->run_id + "/finish", achieved.dump(), {}};
  // The audit's closing call is best effort: the sync itself is complete and reported either way.
  transport_.send(std::move(request), [](HttpResponse) {});
}

void SyncRunner::cancel() {
  if (!state_.sync.running || !sync_op_ || !sync_op_->executor) return;
  state_.sync.cancel_requested = true;
  sync_op_->executor->cancel();
}

}  // namespace ss::app
