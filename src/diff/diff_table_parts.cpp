// Constraints and indexes, with the online-safe patterns for tables that already exist:
// indexes built and dropped CONCURRENTLY outside a transaction, foreign keys and checks added
// NOT VALID and validated afterwards (VALIDATE takes a lock that lets writes go on), new
// primary keys and unique constraints made from a unique index built CONCURRENTLY.
#include <algorithm>
#include <optional>
#include <string_view>

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

// Decided before any constraint is added: a foreign key cannot be added before the key it
// references exists.
struct ConstraintPlan {
    std::set<model::QualifiedName> partitioned;  // partitioned tables of `to`
    std::set<model::QualifiedName> late_keys;    // tables given a key USING INDEX, late
};

std::set<model::QualifiedName> partitioned_tables(const DiffContext& context) {
    std::set<model::QualifiedName> partitioned;
    for (const auto& table : context.to.tables)
        if (table.kind == model::TableKind::partitioned) partitioned.insert(table.name);
    return partitioned;
}

bool consume(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) return false;
    text.remove_prefix(prefix.size());
    return true;
}

// "(a, "b)c")" at the start of `text`, taken off it: a list of names, quoted ones included.
std::optional<std::string> name_list(std::string_view& text) {
    bool quoted = false;
    for (std::size_t i = 1; text.starts_with('(') && i < text.size(); ++i) {
        if (text[i] == '"') quoted = !quoted;
        if (quoted) continue;
        if (text[i] == '(') return std::nullopt;  // an expression: not for USING INDEX
        if (text[i] == ')') {
            std::string list(text.substr(0, i + 1));
            text.remove_prefix(i + 1);
            return list;
        }
    }
    return std::nullopt;
}

// A primary key or unique constraint as a unique index that USING INDEX can take: what
// follows `ON table` in CREATE UNIQUE INDEX, and the words that follow USING INDEX.
struct IndexedKey {
    std::string index_tail;  // "(a, b) INCLUDE (c) NULLS NOT DISTINCT"
    std::string constraint;  // "PRIMARY KEY USING INDEX name DEFERRABLE …"
};

// Only on an existing table that is not partitioned (neither CREATE INDEX CONCURRENTLY nor
// USING INDEX exist there), and only for a definition of key columns, INCLUDE columns and
// NULLS NOT DISTINCT: anything else (WITH, USING INDEX TABLESPACE) keeps the plain
// ADD CONSTRAINT. Callers use it for constraints whose name is new only.
std::optional<IndexedKey> online_key(const DiffContext& context, const ConstraintPlan& plan,
                                     const model::Constraint& constraint) {
    if (!context.online_for(constraint.table) || plan.partitioned.count(constraint.table))
        return std::nullopt;
    std::string_view text = constraint.definition;
    std::string keyword;
    if (constraint.kind == model::ConstraintKind::primary_key && consume(text, "PRIMARY KEY "))
        keyword = "PRIMARY KEY";
    else if (constraint.kind == model::ConstraintKind::unique && consume(text, "UNIQUE "))
        keyword = "UNIQUE";
    else
        return std::nullopt;
    bool nulls_not_distinct = consume(text, "NULLS NOT DISTINCT ");
    auto columns = name_list(text);
    if (!columns) return std::nullopt;
    IndexedKey key{*columns, keyword + " USING INDEX " + quote_identifier(constraint.name)};
    if (consume(text, " INCLUDE ")) {
        auto included = name_list(text);
        if (!included) return std::nullopt;
        key.index_tail += " INCLUDE " + *included;
    }
    if (nulls_not_distinct) key.index_tail += " NULLS NOT DISTINCT";
    // The index itself is never deferrable: the constraint makes it so.
    if (consume(text, " DEFERRABLE") || constraint.deferrable) key.constraint += " DEFERRABLE";
    if (consume(text, " INITIALLY DEFERRED") || constraint.initially_deferred)
        key.constraint += " INITIALLY DEFERRED";
    if (!text.empty()) return std::nullopt;
    return key;
}

// The unique index built CONCURRENTLY (writes go on), named as the constraint so USING INDEX
// renames nothing; then made the constraint's, which only takes a short ACCESS EXCLUSIVE
// lock. That second step must follow the build, so it runs outside the transaction too.
void add_key_using_index(DiffContext& context, const model::Constraint& constraint,
                         const IndexedKey& key) {
    auto id = object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name},
                        constraint.table);
    std::string where = constraint.name + " on " + constraint.table.display();
    context.add(Action::create, id, "+ constraint " + where, phase::create_index)
        .steps.push_back(outside_transaction(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + quote_identifier(constraint.name) +
                " ON " + quote_qualified(constraint.table) + " " + key.index_tail + ";",
            {Hazard::index_build}));
    // PRIMARY KEY USING INDEX sets its columns NOT NULL, scanning the table under ACCESS
    // EXCLUSIVE for each that is not yet. Those the model wants NOT NULL are by then: their
    // SET NOT NULL ran in the transaction or at validate_rank::set_not_null.
    std::vector<Hazard> hazards;
    if (constraint.kind == model::ConstraintKind::primary_key) {
        for (const auto& table : context.to.tables) {
            if (table.name != constraint.table) continue;
            for (const auto& column : table.columns) {
                bool listed = std::count(constraint.columns.begin(), constraint.columns.end(),
                                         column.name) > 0;
                if (listed && !column.not_null && column.identity == model::Identity::none)
                    hazards = {Hazard::access_exclusive_lock};
            }
        }
    }
    auto& attach =
        context.add(Action::alter, id, "~ constraint " + where + ": USING INDEX", phase::validate);
    attach.rank = validate_rank::attach_index;
    attach.steps.push_back(outside_transaction(
        "ALTER TABLE " + quote_qualified(constraint.table) + " ADD CONSTRAINT " +
            quote_identifier(constraint.name) + " " + key.constraint + ";",
        hazards));
}

// Returns whether the constraint is added outside the transaction (so must its comment be).
bool add_constraint(DiffContext& context, const ConstraintPlan& plan,
                    const model::Constraint& constraint, bool new_name) {
    if (auto key = online_key(context, plan, constraint); key && new_name) {
        add_key_using_index(context, constraint, *key);
        return true;
    }
    std::string alter = "ALTER TABLE " + quote_qualified(constraint.table);
    std::string name = quote_identifier(constraint.name);
    bool foreign = constraint.kind == model::ConstraintKind::foreign_key;
    // A foreign key to a key made USING INDEX in this plan can only follow it.
    bool late = foreign && constraint.references && plan.late_keys.count(*constraint.references);
    auto step = [late](std::string sql, std::vector<Hazard> hazards = {}) {
        return late ? outside_transaction(std::move(sql), std::move(hazards))
                    : sql_step(std::move(sql), std::move(hazards));
    };
    auto id = object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name},
                        constraint.table);
    auto& change = context.add(
        Action::create, id, "+ constraint " + constraint.name + " on " + constraint.table.display(),
        late      ? phase::validate
        : foreign ? phase::create_foreign_key
                  : phase::create_constraint);
    if (late) change.rank = validate_rank::late_foreign_key;
    // PostgreSQL 15 refuses NOT VALID foreign keys on partitioned tables.
    bool validate_later = context.online_for(constraint.table) && constraint.validated &&
                          ((foreign && !plan.partitioned.count(constraint.table)) ||
                           constraint.kind == model::ConstraintKind::check);
    if (validate_later) {
        change.steps.push_back(
            step(alter + " ADD CONSTRAINT " + name + " " + constraint.definition + " NOT VALID;"));
        auto& validate = context.add(
            Action::alter, id,
            "~ validate constraint " + constraint.name + " on " + constraint.table.display(),
            phase::validate);
        validate.rank = late ? validate_rank::validate_late : validate_rank::validate;
        validate.steps.push_back(outside_transaction(alter + " VALIDATE CONSTRAINT " + name + ";"));
        return late;
    }
    std::vector<Hazard> hazards;
    if (context.existing_tables.count(constraint.table)) {
        hazards.push_back(Hazard::access_exclusive_lock);
        if (constraint.kind == model::ConstraintKind::primary_key ||
            constraint.kind == model::ConstraintKind::unique ||
            constraint.kind == model::ConstraintKind::exclusion)
            hazards.push_back(Hazard::index_build);
    }
    change.steps.push_back(
        step(alter + " ADD CONSTRAINT " + name + " " + constraint.definition + ";", hazards));
    return late;
}

void drop_constraint(DiffContext& context, const model::Constraint& constraint) {
    bool foreign = constraint.kind == model::ConstraintKind::foreign_key;
    context.add(Action::drop, object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name}, constraint.table),
                "- constraint " + constraint.name + " on " + constraint.table.display(),
                foreign ? phase::drop_foreign_key : phase::drop_constraint)
        .steps.push_back(sql_step("ALTER TABLE " + quote_qualified(constraint.table) + " DROP CONSTRAINT " +
                                  quote_identifier(constraint.name) + ";"));
}

// `late`: the constraint is added outside the transaction, so its comment follows it there.
void constraint_comment(DiffContext& context, const model::Constraint& constraint,
                        bool late = false) {
    std::string sql = comment_statement("CONSTRAINT " + quote_identifier(constraint.name) + " ON " +
                                            quote_qualified(constraint.table),
                                        constraint.comment);
    auto& change = context.add(
        Action::alter,
        object_id(ObjectKind::constraint, {constraint.table.schema, constraint.name},
                  constraint.table),
        "~ comment on constraint " + constraint.name, late ? phase::validate : phase::comment);
    if (!late) {
        change.steps.push_back(sql_step(std::move(sql)));
        return;
    }
    // Same rank and object as the change that adds it, and added after it: sorted after it.
    change.rank = constraint.kind == model::ConstraintKind::foreign_key
                      ? validate_rank::late_foreign_key
                      : validate_rank::attach_index;
    change.steps.push_back(outside_transaction(std::move(sql)));
}

void diff_constraints(DiffContext& context) {
    std::map<PartKey, const model::Constraint*> before, after;
    for (const auto& c : context.from.constraints)
        if (emitted(c)) before.emplace(PartKey{c.table, c.name}, &c);
    for (const auto& c : context.to.constraints)
        if (emitted(c)) after.emplace(PartKey{c.table, c.name}, &c);
    ConstraintPlan plan{partitioned_tables(context), {}};
    // Only a key whose name is new: a redefined one is dropped and added in one transaction,
    // so that the table is never without it.
    for (const auto& [key, constraint] : after) {
        if (!before.count(key) && online_key(context, plan, *constraint))
            plan.late_keys.insert(key.first);
    }
    for (const auto& [key, constraint] : after) {
        auto it = before.find(key);
        bool recreated = context.recreated_relations.count(key.first) > 0;
        if (it == before.end() || recreated) {
            bool late = add_constraint(context, plan, *constraint, it == before.end());
            if (constraint->comment) constraint_comment(context, *constraint, late);
            continue;
        }
        const model::Constraint& old = *it->second;
        if (!same_constraint(old, *constraint)) {
            drop_constraint(context, old);
            bool late = add_constraint(context, plan, *constraint, false);
            if (constraint->comment) constraint_comment(context, *constraint, late);
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
    auto partitioned = partitioned_tables(context);
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
