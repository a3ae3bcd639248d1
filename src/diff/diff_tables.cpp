// Tables and their columns.
#include <algorithm>
#include <cstdint>

#include "diff/diff_context.hpp"
#include "inspect/column_sql.hpp"

namespace driftless::diff {

using emit::quote_identifier;
using emit::quote_qualified;
using inspect::column_definition;
using inspect::identity_clause;
using model::ObjectKind;

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string create_table(const model::Table& table) {
    std::vector<std::string> columns;
    if (!table.partition_of) {
        for (const auto& column : table.columns) {
            if (!column.inherited) columns.push_back(column_definition(column));
        }
    }
    std::string text = std::string("CREATE ") +
                       (table.persistence == model::Persistence::unlogged ? "UNLOGGED " : "") +
                       "TABLE " + quote_qualified(table.name);
    std::string body = columns.empty() ? " ()" : " (\n    " + join(columns, ",\n    ") + "\n)";
    if (table.partition_of) {
        text += " PARTITION OF " + quote_qualified(*table.partition_of) + " " +
                table.partition_bound.value_or("DEFAULT");
    } else {
        text += body;
        if (!table.inherits.empty()) {
            std::vector<std::string> parents;
            for (const auto& parent : table.inherits) parents.push_back(quote_qualified(parent));
            text += " INHERITS (" + join(parents, ", ") + ")";
        }
    }
    if (table.partition_key) text += " PARTITION BY " + *table.partition_key;
    if (table.access_method) text += " USING " + quote_identifier(*table.access_method);
    if (!table.storage_parameters.empty())
        text += " WITH (" + join(table.storage_parameters, ", ") + ")";
    return text + ";";
}

// PostgreSQL truncates names to 63 bytes (NAMEDATALEN - 1). A longer name is cut at a UTF-8
// character boundary and ends with a hash of the whole, so two long names that share their
// first 54 bytes still differ.
std::string fit_identifier(const std::string& name) {
    constexpr std::size_t limit = 63;
    if (name.size() <= limit) return name;
    std::uint32_t hash = 2166136261u;  // FNV-1a: stable across platforms and runs
    for (unsigned char c : name) hash = (hash ^ c) * 16777619u;
    std::size_t cut = limit - 9;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    return name.substr(0, cut) + fmt::format("_{:08x}", hash);
}

// The temporary check that proves a column NOT NULL: <table>_<column>_not_null_tmp. Not
// <table>_<column>_not_null, the name PostgreSQL 18 gives the NOT NULL constraint that SET NOT
// NULL creates while the check still exists. Numbered while a constraint anywhere in either
// model has the name, so the same models always give the same, free name.
std::string not_null_check_name(const DiffContext& context, const model::QualifiedName& table,
                                const std::string& column) {
    auto taken = [&](const std::string& name) {
        for (const auto* schema : {&context.from, &context.to}) {
            for (const auto& constraint : schema->constraints)
                if (constraint.name == name) return true;
        }
        return false;
    };
    const std::string base = table.name + "_" + column + "_not_null_tmp";
    std::string name = fit_identifier(base);
    for (int n = 2; taken(name); ++n) name = fit_identifier(base + std::to_string(n));
    return name;
}

// SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, unless a validated
// CHECK (col IS NOT NULL) already proves it (PostgreSQL 12+). So the check is added NOT VALID
// in the transaction (no scan), validated outside it (SHARE UPDATE EXCLUSIVE: reads and
// writes go on), and only then the column is set NOT NULL, without a scan, and the check
// dropped. Those two follow the VALIDATE, so they run outside the transaction as well, each
// on its own; IF EXISTS keeps the drop re-runnable when an interrupted run resumes.
// Partitioned tables too: PostgreSQL 15 takes a NOT VALID check there, validates each
// partition, and SET NOT NULL then skips the scan of every partition.
void set_not_null_online(DiffContext& context, const model::Table& table,
                         const model::Column& column, Change& change) {
    std::string alter = "ALTER TABLE " + quote_qualified(table.name);
    std::string name = quote_identifier(column.name);
    std::string where = table.name.display() + "." + column.name;
    std::string check = quote_identifier(not_null_check_name(context, table.name, column.name));
    change.steps.push_back(sql_step(alter + " ADD CONSTRAINT " + check + " CHECK (" + name +
                                    " IS NOT NULL) NOT VALID;"));
    auto id = object_id(ObjectKind::table, table.name);
    // `change` lives in the plan's vector: nothing may use it once more changes are added.
    auto& validate = context.add(Action::alter, id, "~ validate NOT NULL check on column " + where,
                                 phase::validate);
    validate.rank = validate_rank::validate;
    validate.steps.push_back(outside_transaction(alter + " VALIDATE CONSTRAINT " + check + ";"));
    auto& set =
        context.add(Action::alter, id, "~ column " + where + ": SET NOT NULL", phase::validate);
    set.rank = validate_rank::set_not_null;
    set.steps.push_back(outside_transaction(alter + " ALTER COLUMN " + name + " SET NOT NULL;"));
    set.steps.push_back(outside_transaction(alter + " DROP CONSTRAINT IF EXISTS " + check + ";"));
}

// Partitions come after their parent when created and before it when dropped.
int partition_rank(const model::Table& table) { return table.partition_of ? 1 : 0; }

void diff_column(DiffContext& context, const model::Table& table, const model::Column* old,
                 const model::Column& column) {
    std::string alter = "ALTER TABLE " + quote_qualified(table.name);
    std::string name = quote_identifier(column.name);
    auto id = object_id(ObjectKind::table, table.name);
    std::string where = table.name.display() + "." + column.name;
    if (column.inherited && (!old || old->inherited)) return;  // follows its parent
    if (old && *old == column) return;
    if (!old || old->generated != column.generated ||
        old->generation_expression != column.generation_expression) {
        auto& change = context.add(old ? Action::alter : Action::create, id,
                                   (old ? "~ column " : "+ column ") + where, phase::alter_column);
        if (old) {
            change.steps.push_back(sql_step(alter + " DROP COLUMN " + name + ";", {Hazard::deletes_data}));
            context.reshaped_tables.insert(table.name);
        }
        std::vector<Hazard> hazards;
        if (column.generated == model::Generated::stored || column.identity != model::Identity::none)
            hazards = {Hazard::table_rewrite, Hazard::access_exclusive_lock};
        change.steps.push_back(sql_step(alter + " ADD COLUMN " + column_definition(column) + ";", hazards));
    } else {
        auto& change = context.add(Action::alter, id, "~ column " + where, phase::alter_column);
        std::string alter_column = alter + " ALTER COLUMN " + name;
        if (old->type != column.type || old->collation != column.collation) {
            change.summary += ": " + old->type + " → " + column.type;
            // A default of the old type may not cast: it is set again after.
            if (old->default_expression && column.default_expression)
                change.steps.push_back(sql_step(alter_column + " DROP DEFAULT;"));
            change.steps.push_back(sql_step(
                alter_column + " TYPE " + column.type +
                    (column.collation ? " COLLATE " + *column.collation : "") + " USING " + name +
                    "::" + column.type + ";",
                {Hazard::table_rewrite, Hazard::access_exclusive_lock}));
            context.reshaped_tables.insert(table.name);
            if (old->default_expression && column.default_expression)
                change.steps.push_back(sql_step(alter_column + " SET DEFAULT " + *column.default_expression + ";"));
        }
        bool default_reset = old->type != column.type && old->default_expression && column.default_expression;
        if (old->default_expression != column.default_expression && !default_reset &&
            column.identity == model::Identity::none) {
            change.steps.push_back(sql_step(
                alter_column + (column.default_expression ? " SET DEFAULT " + *column.default_expression
                                                          : std::string(" DROP DEFAULT")) + ";"));
        }
        if (old->identity != column.identity) {
            if (old->identity == model::Identity::none) {
                change.steps.push_back(sql_step(alter_column + " ADD " + identity_clause(column) + ";"));
            } else if (column.identity == model::Identity::none) {
                change.steps.push_back(sql_step(alter_column + " DROP IDENTITY;"));
            } else {
                change.steps.push_back(sql_step(alter_column + (column.identity == model::Identity::always
                                                                    ? " SET GENERATED ALWAYS;"
                                                                    : " SET GENERATED BY DEFAULT;")));
            }
        }
        if (old->identity != model::Identity::none && column.identity != model::Identity::none &&
            old->identity_options != column.identity_options && column.identity_options) {
            const auto& o = *column.identity_options;
            change.steps.push_back(sql_step(fmt::format(
                "{} SET INCREMENT BY {} SET MINVALUE {} SET MAXVALUE {} SET START WITH {} SET CACHE {} {};",
                alter_column, o.increment, o.min_value, o.max_value, o.start, o.cache,
                o.cycle ? "SET CYCLE" : "SET NO CYCLE")));
        }
        bool was_not_null = old->not_null || old->identity != model::Identity::none;
        bool is_not_null = column.not_null || column.identity != model::Identity::none;
        // A retyped column's table is rewritten under ACCESS EXCLUSIVE anyway: the plain
        // SET NOT NULL adds a scan to that, not a lock.
        bool retyped = old->type != column.type || old->collation != column.collation;
        bool not_null_online = false;
        if (was_not_null != is_not_null && old->identity == column.identity) {
            if (is_not_null && !retyped && context.online_for(table.name)) {
                not_null_online = true;  // after the steps below, which go into `change`
            } else {
                change.steps.push_back(
                    sql_step(alter_column + (is_not_null ? " SET NOT NULL;" : " DROP NOT NULL;"),
                             is_not_null ? std::vector<Hazard>{Hazard::access_exclusive_lock}
                                         : std::vector<Hazard>{}));
            }
        }
        if (old->storage != column.storage && column.storage)
            change.steps.push_back(sql_step(alter_column + " SET STORAGE " + *column.storage + ";"));
        if (old->compression != column.compression && column.compression)
            change.steps.push_back(sql_step(alter_column + " SET COMPRESSION " + *column.compression + ";"));
        if (not_null_online) set_not_null_online(context, table, column, change);
    }
    if ((!old && column.comment) || (old && old->comment != column.comment)) {
        context.add(Action::alter, id, "~ comment on column " + where, phase::comment)
            .steps.push_back(sql_step(comment_statement(
                "COLUMN " + quote_qualified(table.name) + "." + name, column.comment)));
    }
}

void diff_table_settings(DiffContext& context, const model::Table& old, const model::Table& table) {
    if (old.row_security == table.row_security &&
        old.force_row_security == table.force_row_security &&
        old.persistence == table.persistence &&
        old.storage_parameters == table.storage_parameters &&
        old.partition_bound == table.partition_bound)
        return;
    std::string alter = "ALTER TABLE " + quote_qualified(table.name);
    auto& change = context.add(Action::alter, object_id(ObjectKind::table, table.name),
                               "~ table " + table.name.display(), phase::table_settings);
    if (old.row_security != table.row_security)
        change.steps.push_back(sql_step(alter + (table.row_security ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY;"));
    if (old.force_row_security != table.force_row_security)
        change.steps.push_back(sql_step(alter + (table.force_row_security ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY;"));
    if (old.persistence != table.persistence)
        change.steps.push_back(sql_step(alter + (table.persistence == model::Persistence::unlogged ? " SET UNLOGGED;" : " SET LOGGED;"),
                                        {Hazard::table_rewrite, Hazard::access_exclusive_lock}));
    if (old.storage_parameters != table.storage_parameters) {
        std::vector<std::string> reset;
        for (const auto& parameter : old.storage_parameters) {
            std::string key = parameter.substr(0, parameter.find('='));
            bool kept = std::any_of(table.storage_parameters.begin(), table.storage_parameters.end(),
                                    [&](const auto& p) { return p.substr(0, p.find('=')) == key; });
            if (!kept) reset.push_back(key);
        }
        if (!reset.empty()) change.steps.push_back(sql_step(alter + " RESET (" + join(reset, ", ") + ");"));
        if (!table.storage_parameters.empty())
            change.steps.push_back(sql_step(alter + " SET (" + join(table.storage_parameters, ", ") + ");"));
    }
    if (old.partition_bound != table.partition_bound && table.partition_of && old.partition_of == table.partition_of) {
        std::string parent = "ALTER TABLE " + quote_qualified(*table.partition_of);
        change.steps.push_back(sql_step(parent + " DETACH PARTITION " + quote_qualified(table.name) + ";"));
        change.steps.push_back(sql_step(parent + " ATTACH PARTITION " + quote_qualified(table.name) + " " +
                                        table.partition_bound.value_or("DEFAULT") + ";"));
    }
}

bool needs_rebuild(const model::Table& old, const model::Table& table) {
    return old.kind != table.kind || old.partition_key != table.partition_key ||
           old.partition_of != table.partition_of || old.inherits != table.inherits ||
           old.access_method != table.access_method;
}

}  // namespace

void diff_tables(DiffContext& context) {
    auto key = +[](const model::Table& t) { return t.name; };
    auto before = index_by(context.from.tables, key);
    auto after = index_by(context.to.tables, key);
    auto drop = [&](const model::Table& table) {
        auto& change = context.add(Action::drop, object_id(ObjectKind::table, table.name),
                                   "- table " + table.name.display(), phase::drop_table);
        change.rank = -partition_rank(table);
        change.steps.push_back(sql_step("DROP TABLE " + quote_qualified(table.name) + ";", {Hazard::deletes_data}));
        context.dropped_tables.insert(table.name);
    };
    auto create = [&](const model::Table& table) {
        auto& change = context.add(Action::create, object_id(ObjectKind::table, table.name),
                                   "+ table " + table.name.display(), phase::create_table);
        change.rank = partition_rank(table);
        change.steps.push_back(sql_step(create_table(table)));
        diff_table_settings(context, [&] {
            model::Table defaults = table;
            defaults.row_security = defaults.force_row_security = false;
            return defaults;
        }(), table);
        if (table.comment)
            context.add(Action::alter, object_id(ObjectKind::table, table.name), "~ comment on table " + table.name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement("TABLE " + quote_qualified(table.name), table.comment)));
        diff_replica_identity(context, nullptr, table);
        for (const auto& column : table.columns) {
            diff_column_settings(context, table, nullptr, column);
            if (column.comment)
                context.add(Action::alter, object_id(ObjectKind::table, table.name), "~ comment on column", phase::comment)
                    .steps.push_back(sql_step(comment_statement("COLUMN " + quote_qualified(table.name) + "." + quote_identifier(column.name), column.comment)));
        }
    };
    for (const auto& [name, table] : after) {
        auto it = before.find(name);
        if (it == before.end()) {
            create(*table);
            continue;
        }
        const model::Table& old = *it->second;
        if (needs_rebuild(old, *table)) {
            drop(old);
            create(*table);
            context.existing_tables.erase(name);
            context.recreated_relations.insert(name);
            continue;
        }
        std::map<std::string, const model::Column*> old_columns;
        for (const auto& column : old.columns) old_columns.emplace(column.name, &column);
        std::set<std::string> new_names;
        for (const auto& column : table->columns) {
            new_names.insert(column.name);
            auto previous = old_columns.find(column.name);
            const model::Column* old_column = previous == old_columns.end() ? nullptr : previous->second;
            diff_column(context, *table, old_column, column);
            // A column added again (its generation changed) starts from the defaults.
            bool added_again = old_column && (old_column->generated != column.generated ||
                                              old_column->generation_expression != column.generation_expression);
            diff_column_settings(context, *table, added_again ? nullptr : old_column, column);
        }
        for (const auto& column : old.columns) {
            if (new_names.count(column.name) || column.inherited) continue;
            context.add(Action::drop, object_id(ObjectKind::table, name),
                        "- column " + name.display() + "." + column.name, phase::drop_column)
                .steps.push_back(sql_step("ALTER TABLE " + quote_qualified(name) + " DROP COLUMN " +
                                          quote_identifier(column.name) + ";", {Hazard::deletes_data}));
            context.reshaped_tables.insert(name);
        }
        diff_table_settings(context, old, *table);
        diff_replica_identity(context, &old, *table);
        if (old.comment != table->comment)
            context.add(Action::alter, object_id(ObjectKind::table, name), "~ comment on table " + name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement("TABLE " + quote_qualified(name), table->comment)));
    }
    for (const auto& [name, table] : before) {
        if (!after.count(name)) drop(*table);
    }
}

}  // namespace driftless::diff
