#pragma once
// What the diff produces: an ordered list of changes, each made of SQL steps that say whether
// they may run inside a transaction and which hazards they carry. The emitted migration file,
// `plan --format sql` and the scenario tests all read this one structure.
#include <string>
#include <vector>

#include "model/object_id.hpp"

namespace driftless::diff {

enum class Hazard {
    deletes_data,           // DROP TABLE / DROP COLUMN / narrowing: rows or values are lost
    table_rewrite,          // ALTER COLUMN TYPE and friends rewrite the whole table
    access_exclusive_lock,  // blocks reads and writes for as long as it runs
    index_build,            // builds an index (CONCURRENTLY on existing tables)
    index_dropped,          // queries that used it get slower
    not_reversible,         // the DOWN cannot restore what this removes
    untracked_dependency,   // function bodies: what they use is not checked
};
const char* hazard_name(Hazard hazard);  // "DELETES_DATA", …

struct Step {
    std::string sql;            // one statement, terminated by ';'
    bool transactional = true;  // false: must run outside a transaction block
    std::vector<Hazard> hazards;
};

enum class Action { create, drop, alter };

struct Change {
    Action action = Action::alter;
    model::ObjectId object;
    std::string summary;  // one line for reviewers: "+ table app.users", "~ column …"
    std::vector<Step> steps;
    int phase = 0;        // ordering bucket (see diff_schema.cpp)
    int rank = 0;         // order inside the phase (dependency order for views)
};

struct Plan {
    std::vector<Change> changes;  // in the order they run
    bool empty() const { return changes.empty(); }
    std::vector<Hazard> hazards() const;  // every hazard once, in enum order
};

// The statements of a plan as they run: first everything that may run in one transaction,
// in plan order, then, outside any transaction and one by one, what may not (CONCURRENTLY
// index builds and drops, VALIDATE CONSTRAINT after its NOT VALID constraint committed).
struct MigrationText {
    std::vector<std::string> transactional;
    std::vector<std::string> outside_transaction;
};
MigrationText split_steps(const Plan& plan);

}  // namespace driftless::diff
