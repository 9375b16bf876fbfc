// plan_model.h — applies a Plan to a Snapshot in memory, as Bitable would after a fully successful
// sync. Used by property tests (plan → apply → plan again must be empty) and by previews that want to
// show "after" state. Created records get ids from `id_prefix` + a counter, since Feishu assigns real ids.
#pragma once

#include <string>

#include "plan/snapshot.h"
#include "plan/sync_plan.h"

namespace ss {

// Returns the snapshot after every write of `plan`; `snapshot` must be the one the plan was made from.
Snapshot apply_plan(const Snapshot& snapshot, const Plan& plan, const SyncSchema& schema,
                    const std::string& id_prefix = "recModel");

}  // namespace ss
