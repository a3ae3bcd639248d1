// Constraints and indexes, with the online-safe patterns for tables that already exist:
// indexes built and dropped CONCURRENTLY outside a transaction, foreign keys and checks added
// NOT VALID and validated afterwards (VALIDATE takes a lock that lets writes go on).
#include <algorithm>

#include "diff/diff_context.hpp"

namespace driftless::diff {

using emit::quote_identifier;
using emit::quote_qualified;
using model::ObjectKind;

namespace {

using PartKey = std::pair<model::QualifiedName, std::string>;

bool emitted(const model::Constraint& constraint) { return !constraint.inherited; }

// Everything but the comment and validation state: a difference there is a new constraint.
bool same_constraint(const model::Constraint& a, const model::Constraint& b) {
    auto strip = [](std::string definition) {
        const std::string suffix = " NOT VALID";
        if (definition.size() >= suffix.size() &&
            definition.compare(definition.size() - suffix.size(), suffix.size(), suffix) == 0)
            definition.resize(definition.size() - suffix.size());
        return definition;
    };
    return a.kind == b.kind && strip(a.definition) == strip(b.definition) &&
           a.deferrable == b.deferrable && a.initially_deferred == b.initially_deferred;
}

void add_constraint(DiffContext& context, const model::Constraint& constraint) {
    std::string alter = "ALTER TABLE " + quote_qualified(constraint.table);
    std::string name = quote_identifier(constraint.name);
    bool foreign = constraint.kind == model::ConstraintKind::foreign_key;
    auto id = object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name}, constraint.table);
    auto& change = context.add(Action::create, id,
                               "+ constraint " + constraint.name + " on " + constraint.table.display(),
                               foreign ? phase::create_foreign_key : phase::create_constraint);
    bool validate_later = context.online_for(constraint.table) && constraint.validated &&
                          (foreign || constraint.kind == model::ConstraintKind::check);
    if (validate_later) {
        change.steps.push_back(sql_step(alter + " ADD CONSTRAINT " + name + " " + constraint.definition + " NOT VALID;"));
        context.add(Action::alter, id, "~ validate constraint " + constraint.name + " on " + constraint.table.display(), phase::validate)
            .steps.push_back(outside_transaction(alter + " VALIDATE CONSTRAINT " + name + ";"));
        return;
    }
    std::vector<Hazard> hazards;
    if (context.existing_tables.count(constraint.table)) {
        hazards.push_back(Hazard::access_exclusive_lock);
        if (constraint.kind == model::ConstraintKind::primary_key ||
            constraint.kind == model::ConstraintKind::unique ||
            constraint.kind == model::ConstraintKind::exclusion)
            hazards.push_back(Hazard::index_build);
    }
    change.steps.push_back(sql_step(alter + " ADD CONSTRAINT " + name + " " + constraint.definition + ";", hazards));
}

void drop_constraint(DiffContext& context, const model::Constraint& constraint) {
    bool foreign = constraint.kind == model::ConstraintKind::foreign_key;
    context.add(Action::drop, object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name}, constraint.table),
                "- constraint " + constraint.name + " on " + constraint.table.display(),
                foreign ? phase::drop_foreign_key : phase::drop_constraint)
        .steps.push_back(sql_step("ALTER TABLE " + quote_qualified(constraint.table) + " DROP CONSTRAINT " +
                                  quote_identifier(constraint.name) + ";"));
}

void constraint_comment(DiffContext& context, const model::Constraint& constraint) {
    context.add(Action::alter, object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name}, constraint.table),
                "~ comment on constraint " + constraint.name, phase::comment)
        .steps.push_back(sql_step(comment_statement("CONSTRAINT " + quote_identifier(constraint.name) + " ON " +
                                                        quote_qualified(constraint.table),
                                                    constraint.comment)));
}

void diff_constraints(DiffContext& context) {
    std::map<PartKey, const model::Constraint*> before, after;
    for (const auto& c : context.from.constraints)
        if (emitted(c)) before.emplace(PartKey{c.table, c.name}, &c);
    for (const auto& c : context.to.constraints)
        if (emitted(c)) after.emplace(PartKey{c.table, c.name}, &c);
    for (const auto& [key, constraint] : after) {
        auto it = before.find(key);
        bool recreated = context.recreated_relations.count(key.first) > 0;
        if (it == before.end() || recreated) {
            add_constraint(context, *constraint);
            if (constraint->comment) constraint_comment(context, *constraint);
            continue;
        }
        const model::Constraint& old = *it->second;
        if (!same_constraint(old, *constraint)) {
            drop_constraint(context, old);
            add_constraint(context, *constraint);
            if (constraint->comment) constraint_comment(context, *constraint);
            continue;
        }
        if (!old.validated && constraint->validated) {
            context.add(Action::alter, object_id(ObjectKind::constraint, {key.first.schema, key.second}, key.first),
                        "~ validate constraint " + key.second, phase::validate)
                .steps.push_back(outside_transaction("ALTER TABLE " + quote_qualified(key.first) +
                                                     " VALIDATE CONSTRAINT " + quote_identifier(key.second) + ";"));
        }
        if (old.comment != constraint->comment) constraint_comment(context, *constraint);
    }
    for (const auto& [key, constraint] : before) {
        if (after.count(key)) continue;
        // A dropped table takes its constraints along, but its foreign keys go first: two
        // dropped tables that refer to each other could not be dropped one after the other.
        bool goes_with_table =
            context.dropped_tables.count(key.first) || context.recreated_relations.count(key.first);
        if (goes_with_table && constraint->kind != model::ConstraintKind::foreign_key) continue;
        drop_constraint(context, *constraint);
    }
}

bool emitted(const model::Index& index) { return index.valid && !index.partition_parent; }

// "CREATE [UNIQUE] INDEX name ON …" → "CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS name ON …"
std::string concurrent_definition(const std::string& definition) {
    auto at = definition.find("INDEX ");
    if (at == std::string::npos) return definition;
    return definition.substr(0, at + 6) + "CONCURRENTLY IF NOT EXISTS " + definition.substr(at + 6);
}

// pg_get_indexdef writes a partitioned table's index as `ON ONLY`, which would leave it
// invalid and the partitions without theirs: created without ONLY, it cascades.
std::string cascading_definition(std::string definition) {
    auto at = definition.find(" ON ONLY ");
    if (at != std::string::npos) definition.replace(at, 9, " ON ");
    return definition;
}

void create_index(DiffContext& context, const model::Index& index, bool online, bool on_view) {
    auto& change = context.add(Action::create, object_id(ObjectKind::index, {index.table.schema, index.name}, index.table),
                               "+ index " + index.name + " on " + index.table.display(),
                               on_view ? phase::create_view : phase::create_index);
    // A materialized view's indexes follow every view.
    if (on_view) change.rank = 1000000;
    if (online) {
        change.steps.push_back(outside_transaction(concurrent_definition(index.definition) + ";", {Hazard::index_build}));
    } else {
        change.steps.push_back(sql_step(cascading_definition(index.definition) + ";"));
    }
    if (index.comment) {
        context.add(Action::alter, change.object, "~ comment on index " + index.name, phase::comment)
            .steps.push_back(sql_step(comment_statement("INDEX " + quote_qualified({index.table.schema, index.name}), index.comment)));
    }
}

void drop_index(DiffContext& context, const model::Index& index, bool online) {
    std::string name = quote_qualified({index.table.schema, index.name});
    auto& change = context.add(Action::drop, object_id(ObjectKind::index, {index.table.schema, index.name}, index.table),
                               "- index " + index.name + " on " + index.table.display(), phase::drop_index);
    if (online) {
        change.steps.push_back(outside_transaction("DROP INDEX CONCURRENTLY IF EXISTS " + name + ";", {Hazard::index_dropped}));
    } else {
        change.steps.push_back(sql_step("DROP INDEX " + name + ";", {Hazard::index_dropped}));
    }
}

void diff_indexes(DiffContext& context) {
    std::map<PartKey, const model::Index*> before, after;
    for (const auto& i : context.from.indexes)
        if (emitted(i)) before.emplace(PartKey{i.table, i.name}, &i);
    for (const auto& i : context.to.indexes)
        if (emitted(i)) after.emplace(PartKey{i.table, i.name}, &i);
    // CREATE INDEX CONCURRENTLY does not exist for partitioned tables.
    std::set<model::QualifiedName> partitioned;
    for (const auto& table : context.to.tables)
        if (table.kind == model::TableKind::partitioned) partitioned.insert(table.name);
    auto online = [&](const model::QualifiedName& table) {
        return context.online_for(table) && !partitioned.count(table);
    };
    std::set<model::QualifiedName> views;
    for (const auto& view : context.to.views) views.insert(view.name);
    for (const auto& [key, index] : after) {
        auto it = before.find(key);
        bool on_view = views.count(key.first) > 0;
        if (it == before.end() || context.recreated_relations.count(key.first)) {
            create_index(context, *index, online(key.first), on_view);
        } else if (it->second->definition != index->definition) {
            drop_index(context, *it->second, online(key.first));
            create_index(context, *index, online(key.first), on_view);
        } else if (it->second->comment != index->comment) {
            context.add(Action::alter, object_id(ObjectKind::index, {key.first.schema, key.second}, key.first),
                        "~ comment on index " + key.second, phase::comment)
                .steps.push_back(sql_step(comment_statement("INDEX " + quote_qualified({key.first.schema, key.second}), index->comment)));
        }
    }
    for (const auto& [key, index] : before) {
        if (after.count(key) || context.dropped_tables.count(key.first) ||
            context.recreated_relations.count(key.first))
            continue;
        drop_index(context, *index, online(key.first));
    }
}

}  // namespace

void diff_constraints_and_indexes(DiffContext& context) {
    diff_constraints(context);
    diff_indexes(context);
}

}  // namespace driftless::diff
