#pragma once
// The text of a generated migration file: a header a reviewer reads first (what changes, the
// hazards), then dbmate-style `-- migrate:up` / `-- migrate:down` sections. A section that
// holds a statement which cannot run in a transaction is marked `transaction:false` and its
// statements then run one by one. Byte-identical for the same input.
#include <string>
#include <vector>

#include "diff/plan.hpp"

namespace driftless::emit {

struct MigrationFile {
    std::string title;                 // the generate NAME
    std::vector<std::string> changes;  // summaries, in order
    std::vector<diff::Step> up;
    std::vector<diff::Step> down;
};

std::string render_migration_file(const MigrationFile& file);

// The steps of some changes of a plan: those that may run in a transaction, or the others.
std::vector<diff::Step> plan_steps(const diff::Plan& plan, bool transactional);
// Every step of a plan, in order.
std::vector<diff::Step> plan_steps(const diff::Plan& plan);

}  // namespace driftless::emit
