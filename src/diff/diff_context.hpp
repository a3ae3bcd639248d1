#pragma once
// Internal to src/diff: the state the per-kind differs share while one plan is built.
#include <fmt/format.h>

#include <map>
#include <set>
#include <string>

#include "diff/diff_schema.hpp"
#include "emit/quote.hpp"

namespace driftless::diff {

// Phases, in the order they run. Drops first, newest dependents first; then creations and
// alterations, dependencies first. Inside a phase, rank then identity decide.
namespace phase {
constexpr int drop_policy = 10, drop_trigger = 11, drop_view = 12, drop_foreign_key = 13,
              drop_constraint = 14, drop_index = 15, drop_column = 16, drop_table = 17,
              drop_sequence = 18, drop_function = 19, drop_type = 20, drop_extension = 21,
              drop_schema = 22;
constexpr int create_schema = 30, create_extension = 31, create_type = 32, create_sequence = 33,
              create_function = 34, create_table = 35, alter_column = 36,
              create_constraint = 37, create_foreign_key = 38, create_index = 39,
              sequence_owner = 40, create_view = 41, create_trigger = 42, create_policy = 43,
              table_settings = 44, validate = 45, comment = 46;
}  // namespace phase

// Ranks inside phase::validate, which runs outside any transaction after the CONCURRENTLY
// index builds: steps that must follow a VALIDATE or an index build cannot be in the
// transaction (it runs first), so they queue here, in the order they depend on each other.
namespace validate_rank {
constexpr int validate = 0;         // VALIDATE CONSTRAINT of what was added NOT VALID
constexpr int set_not_null = 1;     // SET NOT NULL proved by a validated check, the check dropped
constexpr int attach_index = 2;     // ADD CONSTRAINT … USING INDEX of an index built concurrently
constexpr int late_foreign_key = 3;  // foreign keys that need such a constraint to exist
constexpr int validate_late = 4;    // VALIDATE of those foreign keys
}  // namespace validate_rank

struct DiffContext {
    const model::Schema& from;
    const model::Schema& to;
    DiffOptions options;
    Plan plan;
    // Tables present on both sides: changes to them use the online-safe patterns.
    std::set<model::QualifiedName> existing_tables;
    // Tables whose columns are dropped or retyped: views over them are dropped and recreated.
    std::set<model::QualifiedName> reshaped_tables;
    // Tables and views dropped and created again: whatever hangs off them (constraints,
    // indexes, triggers, policies) goes with the drop and is created again after.
    std::set<model::QualifiedName> recreated_relations;
    // Tables dropped or created in this plan: their parts need no statements of their own
    // when dropped, and plain ones when created.
    std::set<model::QualifiedName> dropped_tables;

    Change& add(Action action, model::ObjectId object, std::string summary, int phase_number) {
        Change change;
        change.action = action;
        change.object = std::move(object);
        change.summary = std::move(summary);
        change.phase = phase_number;
        plan.changes.push_back(std::move(change));
        return plan.changes.back();
    }
    bool online_for(const model::QualifiedName& table) const {
        return options.online && existing_tables.count(table) > 0;
    }
};

inline Step sql_step(std::string sql, std::vector<Hazard> hazards = {}) {
    return Step{std::move(sql), true, std::move(hazards)};
}
inline Step outside_transaction(std::string sql, std::vector<Hazard> hazards = {}) {
    return Step{std::move(sql), false, std::move(hazards)};
}

inline std::string comment_statement(const std::string& target,
                                     const std::optional<std::string>& comment) {
    return "COMMENT ON " + target + " IS " +
           (comment ? emit::quote_literal(*comment) : std::string("NULL")) + ";";
}

model::ObjectId object_id(model::ObjectKind kind, model::QualifiedName name,
                          model::QualifiedName table = {}, std::string arguments = {});

// Lookups by identity.
template <typename T, typename Key>
std::map<Key, const T*> index_by(const std::vector<T>& items, Key (*key)(const T&)) {
    std::map<Key, const T*> result;
    for (const auto& item : items) result.emplace(key(item), &item);
    return result;
}

void diff_namespaces_and_types(DiffContext& context);  // diff_types.cpp
void diff_sequences(DiffContext& context);             // diff_types.cpp
void diff_tables(DiffContext& context);                // diff_tables.cpp
void diff_constraints_and_indexes(DiffContext& context);  // diff_table_parts.cpp
void diff_routines_and_views(DiffContext& context);    // diff_objects.cpp
void diff_triggers_and_policies(DiffContext& context); // diff_objects.cpp
// diff_table_extras.cpp; old is null for a table or column created in this plan.
void diff_column_settings(DiffContext& context, const model::Table& table,
                          const model::Column* old, const model::Column& column);
void diff_replica_identity(DiffContext& context, const model::Table* old, const model::Table& table);

}  // namespace driftless::diff
