// Table and column settings that only tune the server: column statistics targets and
// attribute options (n_distinct …), and the replica identity logical replication uses.
#include <algorithm>

#include "diff/diff_context.hpp"

namespace driftless::diff {

namespace {

using emit::quote_identifier;
using emit::quote_qualified;
using model::ObjectKind;

std::string key_of(const std::string& option) { return option.substr(0, option.find('=')); }

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

// Whether the index exists only once the CONCURRENTLY steps (outside the transaction) ran.
bool built_outside_transaction(const DiffContext& context, const model::Table& table,
                               const std::string& index) {
    if (!context.online_for(table.name)) return false;
    for (const auto& existing : context.from.indexes)
        if (existing.table == table.name && existing.name == index) return false;
    for (const auto& existing : context.from.constraints)
        if (existing.table == table.name && existing.name == index) return false;
    return true;
}

}  // namespace

void diff_column_settings(DiffContext& context, const model::Table& table,
                          const model::Column* old, const model::Column& column) {
    // -1: the server's default_statistics_target, which is also how SET STATISTICS resets.
    int old_target = old && old->statistics_target ? *old->statistics_target : -1;
    int new_target = column.statistics_target.value_or(-1);
    std::vector<std::string> old_options = old ? old->options : std::vector<std::string>{};
    if (old_target == new_target && old_options == column.options) return;
    std::string alter_column = "ALTER TABLE " + quote_qualified(table.name) + " ALTER COLUMN " +
                               quote_identifier(column.name);
    auto& change = context.add(Action::alter, object_id(ObjectKind::table, table.name),
                               "~ column " + table.name.display() + "." + column.name +
                                   ": statistics settings",
                               phase::table_settings);
    if (old_target != new_target)
        change.steps.push_back(
            sql_step(fmt::format("{} SET STATISTICS {};", alter_column, new_target)));
    if (old_options != column.options) {
        std::vector<std::string> reset;
        for (const auto& option : old_options) {
            bool kept = std::any_of(column.options.begin(), column.options.end(),
                                    [&](const auto& o) { return key_of(o) == key_of(option); });
            if (!kept) reset.push_back(key_of(option));
        }
        if (!reset.empty()) change.steps.push_back(sql_step(alter_column + " RESET (" + joined(reset) + ");"));
        if (!column.options.empty())
            change.steps.push_back(sql_step(alter_column + " SET (" + joined(column.options) + ");"));
    }
}

void diff_replica_identity(DiffContext& context, const model::Table* old, const model::Table& table) {
    auto identity = old ? old->replica_identity : model::ReplicaIdentity::default_key;
    auto index = old ? old->replica_identity_index : std::nullopt;
    if (identity == table.replica_identity && index == table.replica_identity_index) return;
    std::string alter = "ALTER TABLE " + quote_qualified(table.name) + " REPLICA IDENTITY ";
    auto& change = context.add(Action::alter, object_id(ObjectKind::table, table.name),
                               "~ table " + table.name.display() + ": replica identity",
                               phase::table_settings);
    switch (table.replica_identity) {
        case model::ReplicaIdentity::default_key:
            change.steps.push_back(sql_step(alter + "DEFAULT;"));
            break;
        case model::ReplicaIdentity::full: change.steps.push_back(sql_step(alter + "FULL;")); break;
        case model::ReplicaIdentity::nothing:
            change.steps.push_back(sql_step(alter + "NOTHING;"));
            break;
        case model::ReplicaIdentity::index: {
            std::string name = table.replica_identity_index.value_or("");
            std::string sql = alter + "USING INDEX " + quote_identifier(name) + ";";
            // After the index it names, which may be built concurrently in this plan.
            if (built_outside_transaction(context, table, name)) {
                change.phase = phase::validate;
                change.rank = validate_rank::validate_late + 1;
                change.steps.push_back(outside_transaction(sql));
            } else {
                change.steps.push_back(sql_step(sql));
            }
            break;
        }
    }
}

}  // namespace driftless::diff
