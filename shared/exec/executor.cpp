// executor.cpp — see executor.h. Flow: start → step (enter phase, build its batches) → send_batch →
// on_batch_answer (done / failed / reconcile) → step … → finish. Every step runs on its own scheduler
// turn, so a blocking transport cannot grow the stack across thousands of calls.
#include "exec/executor.h"

#include "exec/batch_items.h"
#include "feishu/search_request.h"
#include "feishu/write_request.h"

namespace ss {

using nlohmann::json;

const char* exec_phase_name(ExecPhase phase) {
  switch (phase) {
    case ExecPhase::kStudents: return "新增学员";
    case ExecPhase::kRecords: return "新增学习记录";
    case ExecPhase::kUpdates: return "更新学员";
    case ExecPhase::kDone: return "完成";
  }
  return "";
}

Executor::Executor(const Plan& plan, const SyncSchema& schema, const BitableRoutes& routes, Transport& transport,
                   Scheduler& scheduler, ExecutorOptions options)
    : plan_(plan),
      schema_(schema),
      routes_(routes),
      scheduler_(scheduler),
      options_(std::move(options)),
      rng_(options_.seed),
      runner_(transport, scheduler, options_.retry, rng_, stats_, options_.headers),
      reader_(runner_, routes, schema),
      alive_(std::make_shared<bool>(true)) {
  status_.student_creates.resize(plan.student_creates.size());
  status_.student_updates.resize(plan.student_updates.size());
  status_.record_creates.resize(plan.record_creates.size());
  created_ids_.resize(plan.student_creates.size());
}

Executor::~Executor() { *alive_ = false; }

void Executor::start(std::function<void(const ExecSummary&)> on_finished) {
  if (running_) return;
  on_finished_ = std::move(on_finished);
  running_ = true;
  cancel_requested_ = false;
  post_step();
}

void Executor::cancel() {
  if (!running_) return;
  cancel_requested_ = true;
  runner_.cancel();
}

void Executor::post_step() {
  std::weak_ptr<bool> alive = alive_;
  scheduler_.call_after(0, [this, alive] {
    auto a = alive.lock();
    if (a && *a) step();
  });
}

void Executor::step() {
  if (cancel_requested_) return finish(true);
  if (!phase_entered_) enter_phase(phase_);
  if (batches_.empty()) {
    if (phase_ == ExecPhase::kDone) return finish(false);
    phase_ = static_cast<ExecPhase>(static_cast<int>(phase_) + 1);
    phase_entered_ = false;
    return post_step();
  }
  send_batch();
}

std::vector<ItemStatus>& Executor::phase_items() {
  switch (phase_) {
    case ExecPhase::kStudents: return status_.student_creates;
    case ExecPhase::kRecords: return status_.record_creates;
    default: return status_.student_updates;
  }
}

void Executor::enter_phase(ExecPhase phase) {
  phase_entered_ = true;
  batches_.clear();
  if (phase == ExecPhase::kDone) return;
  std::vector<ItemStatus>& items = phase_items();
  std::vector<size_t> pending;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].state != ItemState::kPending) continue;
    if (phase == ExecPhase::kRecords) {
      const StudentLink& link = plan_.record_creates[i].student;
      if (!resolve_student_link(link, created_ids_)) {
        // The planned student was not created: the record cannot be linked, so it is not sent.
        const bool planned = link.is_planned() && static_cast<size_t>(link.planned_student()) < status_.student_creates.size();
        const ItemStatus* s = planned ? &status_.student_creates[static_cast<size_t>(link.planned_student())] : nullptr;
        items[i].state = ItemState::kFailed;
        items[i].code = s && s->code != 0 ? s->code : kErrStudentNotCreated;
        items[i].message = "学员（" + std::string(plan_.record_creates[i].user_id()) + "）没有创建成功，学习记录未写入" +
                           (s && !s->message.empty() ? "：" + s->message : std::string());
        continue;
      }
    }
    pending.push_back(i);
  }
  for (auto& chunk : chunk_items(pending, schema_.batch_size)) {
    Batch b;
    b.items = std::move(chunk);
    batches_.push_back(std::move(b));
  }
  emit_progress();
}

void Executor::send_batch() {
  Batch& batch = batches_.front();
  HttpRequest req;
  req.method = "POST";
  req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  json body;
  if (phase_ == ExecPhase::kUpdates) {
    req.path = routes_.path(TableKind::kStudents, BitableOp::kBatchUpdate);
    body = student_update_body_for(plan_, batch.items, schema_);
  } else {
    // One token per batch content, reused on every retry: a repeat of an applied call is then
    // recognised by Feishu instead of creating the rows twice (§3.4, §9.8).
    if (batch.client_token.empty()) batch.client_token = make_uuid_v4(rng_);
    const TableKind table = phase_ == ExecPhase::kStudents ? TableKind::kStudents : TableKind::kRecords;
    req.path = routes_.path(table, BitableOp::kBatchCreate, "?client_token=" + batch.client_token);
    if (table == TableKind::kStudents) {
      body = student_create_body_for(plan_, batch.items, schema_);
    } else {
      auto b = record_create_body(plan_, batch.items, created_ids_, schema_);
      if (!b.ok()) {  // cannot happen: enter_phase only queues resolvable records
        fail_batch(batch, b.error().code, b.error().message);
        batches_.pop_front();
        emit_progress();
        return post_step();
      }
      body = std::move(b.value());
    }
  }
  req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  std::weak_ptr<bool> alive = alive_;
  runner_.run(std::move(req), true, [this, alive](CallResult r) {
    auto a = alive.lock();
    if (a && *a) on_batch_answer(std::move(r));
  });
}

void Executor::fail_batch(const Batch& batch, int code, const std::string& message) {
  std::vector<ItemStatus>& items = phase_items();
  for (size_t i : batch.items) {
    items[i].state = ItemState::kFailed;
    items[i].code = code;
    items[i].message = message;
  }
}

void Executor::on_batch_answer(CallResult r) {
  if (r.cancelled) return finish(true);  // the batch stays queued, with its client_token, for a resume
  Batch& batch = batches_.front();
  if (r.last.verdict == Verdict::kClientTokenConflict) return reconcile(std::move(r));
  if (r.ok()) {
    ++write_batches_;
    std::vector<ItemStatus>& items = phase_items();
    if (phase_ == ExecPhase::kStudents) {
      auto ids = parse_batch_create_response(r.response.body, batch.items.size());
      if (!ids.ok()) {
        fail_batch(batch, ids.error().code, ids.error().message);
      } else {
        for (size_t k = 0; k < batch.items.size(); ++k) {
          created_ids_[batch.items[k]] = ids.value()[k];
          items[batch.items[k]] = ItemStatus{ItemState::kDone, 0, {}};
        }
      }
    } else {
      for (size_t i : batch.items) items[i] = ItemStatus{ItemState::kDone, 0, {}};
    }
  } else {
    std::string message = r.last.message;
    if (r.exhausted) message += "（已重试 " + std::to_string(r.attempts - 1) + " 次）";
    fail_batch(batch, r.last.code, message);
  }
  batches_.pop_front();
  emit_progress();
  post_step();
}

void Executor::reconcile(CallResult conflict) {
  Batch& batch = batches_.front();
  if (phase_ == ExecPhase::kUpdates || batch.reconciles >= options_.retry.max_reconciles) {
    fail_batch(batch, conflict.last.code, conflict.last.message);
    batches_.pop_front();
    emit_progress();
    return post_step();
  }
  ++batch.reconciles;
  ++reconciles_;
  // An earlier attempt of this batch may have been applied with its answer lost; sending again under a
  // new token could then duplicate rows. Read what exists first, and send only what is missing.
  const TableKind table = phase_ == ExecPhase::kStudents ? TableKind::kStudents : TableKind::kRecords;
  ReadJob job;
  job.table = table;
  job.bodies = filtered_search_bodies(table, batch_user_ids(plan_, table, batch.items), schema_, {});
  std::weak_ptr<bool> alive = alive_;
  reader_.read(std::move(job), [this, alive, table, conflict](Result<ReadOutcome> read) {
    auto a = alive.lock();
    if (!a || !*a) return;
    if (!read.ok()) {
      // Without knowing what exists, re-sending could duplicate: fail the batch; a re-plan settles it.
      fail_batch(batches_.front(), conflict.last.code, conflict.last.message + "；重新读取失败：" + read.error().message);
      batches_.pop_front();
      emit_progress();
      return post_step();
    }
    const Batch& b = batches_.front();
    on_reconciled(table == TableKind::kStudents ? match_existing_students(plan_, b.items, read->part.students)
                                                : match_existing_records(plan_, b.items, read->part.records, schema_),
                  conflict);
  });
}

void Executor::on_reconciled(const std::vector<std::string>& existing, const CallResult&) {
  Batch& batch = batches_.front();
  std::vector<ItemStatus>& items = phase_items();
  std::vector<size_t> missing;
  for (size_t k = 0; k < batch.items.size(); ++k) {
    const size_t i = batch.items[k];
    if (existing[k].empty()) {
      missing.push_back(i);
      continue;
    }
    if (phase_ == ExecPhase::kStudents) created_ids_[i] = existing[k];
    items[i] = ItemStatus{ItemState::kDone, 0, {}};
  }
  if (missing.empty()) {
    batches_.pop_front();
  } else {
    batch.items = std::move(missing);
    batch.client_token.clear();  // the old one is spent (1255006): a new body needs a new token
  }
  emit_progress();
  post_step();
}

void Executor::emit_progress() {
  if (!on_progress_) return;
  ExecProgress p;
  p.phase = phase_;
  p.calls = stats_.calls;
  if (phase_ != ExecPhase::kDone) {
    const std::vector<ItemStatus>& items = phase_items();
    p.total = items.size();
    for (const auto& s : items) {
      if (s.state != ItemState::kPending) ++p.done;
      if (s.state == ItemState::kFailed) ++p.failed;
    }
  }
  on_progress_(p);
}

ExecSummary Executor::summary() const {
  ExecSummary s;
  for (const auto* v : {&status_.student_creates, &status_.record_creates, &status_.student_updates}) {
    for (const auto& i : *v) {
      if (i.state == ItemState::kDone) ++s.written;
      else if (i.state == ItemState::kFailed) ++s.failed;
      else ++s.pending;
    }
  }
  s.complete = s.pending == 0;
  s.calls = stats_;
  s.write_batches = write_batches_;
  s.reconciles = reconciles_;
  return s;
}

void Executor::finish(bool cancelled) {
  running_ = false;
  cancel_requested_ = false;
  if (!cancelled) emit_progress();
  ExecSummary s = summary();
  s.cancelled = cancelled;
  auto cb = std::move(on_finished_);
  on_finished_ = nullptr;
  if (cb) cb(s);
}

}  // namespace ss
