#include "diff/renames.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "emit/quote.hpp"

namespace driftless::diff {

namespace {

using model::QualifiedName;
using emit::quote_identifier;
using emit::quote_qualified;

// Unqualified names in schema files resolve through the default search_path.
QualifiedName relation_of(const nlohmann::json& node) {
    const auto& relation = node.value("relation", nlohmann::json::object());
    std::string schema = relation.value("schemaname", "");
    return {schema.empty() ? "public" : schema, relation.value("relname", "")};
}

// What one side holds, by name, for the checks of hinted_renames.
struct Names {
    std::set<QualifiedName> tables;
    std::map<QualifiedName, std::set<std::string>> columns;      // by table
    std::map<QualifiedName, std::set<std::string>> constraints;  // by table
    std::set<QualifiedName> indexes;                             // {schema, index name}

    explicit Names(const model::Schema& schema) {
        for (const auto& table : schema.tables) {
            tables.insert(table.name);
            auto& names = columns[table.name];
            for (const auto& column : table.columns) names.insert(column.name);
        }
        for (const auto& constraint : schema.constraints)
            constraints[constraint.table].insert(constraint.name);
        for (const auto& index : schema.indexes) indexes.insert({index.table.schema, index.name});
    }

    bool has(const std::map<QualifiedName, std::set<std::string>>& by_table,
             const QualifiedName& table, const std::string& name) const {
        auto it = by_table.find(table);
        return it != by_table.end() && it->second.count(name) > 0;
    }
};

Rename make_rename(RenameKind kind, const QualifiedName& table, const std::string& old_name,
                   const std::string& name) {
    Rename rename;
    rename.kind = kind;
    std::string on = quote_qualified(table);
    switch (kind) {
        case RenameKind::table: {
            QualifiedName old_table{table.schema, old_name};
            rename.object = {model::ObjectKind::table, table, {}, {}};
            rename.summary = fmt::format("~ rename table {} → {}", quote_qualified(old_table),
                                         quote_identifier(name));
            rename.sql = fmt::format("ALTER TABLE {} RENAME TO {};", quote_qualified(old_table),
                                     quote_identifier(name));
            rename.undo_sql = fmt::format("ALTER TABLE {} RENAME TO {};", on,
                                          quote_identifier(old_name));
            break;
        }
        case RenameKind::column:
        case RenameKind::constraint: {
            const char* what = kind == RenameKind::column ? "COLUMN" : "CONSTRAINT";
            rename.object = {kind == RenameKind::column ? model::ObjectKind::table
                                                        : model::ObjectKind::constraint,
                             kind == RenameKind::column ? table : QualifiedName{table.schema, name},
                             kind == RenameKind::column ? QualifiedName{} : table,
                             {}};
            rename.summary = fmt::format("~ rename {} {}.{} → {}",
                                         kind == RenameKind::column ? "column" : "constraint", on,
                                         quote_identifier(old_name), quote_identifier(name));
            rename.sql = fmt::format("ALTER TABLE {} RENAME {} {} TO {};", on, what,
                                     quote_identifier(old_name), quote_identifier(name));
            rename.undo_sql = fmt::format("ALTER TABLE {} RENAME {} {} TO {};", on, what,
                                          quote_identifier(name), quote_identifier(old_name));
            break;
        }
        case RenameKind::index:
        case RenameKind::sequence: {
            const char* what = kind == RenameKind::index ? "INDEX" : "SEQUENCE";
            QualifiedName old_qualified{table.schema, old_name};
            QualifiedName new_qualified{table.schema, name};
            rename.object = {kind == RenameKind::index ? model::ObjectKind::index
                                                       : model::ObjectKind::sequence,
                             new_qualified, kind == RenameKind::index ? table : QualifiedName{},
                             {}};
            rename.summary =
                fmt::format("~ rename {} {} → {}", kind == RenameKind::index ? "index" : "sequence",
                            quote_qualified(old_qualified), quote_identifier(name));
            rename.sql = fmt::format("ALTER {} {} RENAME TO {};", what,
                                     quote_qualified(old_qualified), quote_identifier(name));
            rename.undo_sql = fmt::format("ALTER {} {} RENAME TO {};", what,
                                          quote_qualified(new_qualified),
                                          quote_identifier(old_name));
            break;
        }
    }
    return rename;
}

// An index definition without its own name: "CREATE INDEX x ON t …" → "CREATE INDEX ON t …".
std::string index_shape(const model::Index& index) {
    auto on = index.definition.find(" ON ");
    return (index.unique ? "U" : "") + (on == std::string::npos ? index.definition
                                                                : index.definition.substr(on));
}

// Pairs the objects only one side has by a shape both sides agree on, first come first served
// in the model's stable order.
template <typename Item, typename Shape, typename OnPair>
void pair_by_shape(const std::vector<const Item*>& only_renamed,
                   const std::vector<const Item*>& only_desired, Shape shape, OnPair on_pair) {
    std::multimap<std::string, const Item*> waiting;
    for (const Item* item : only_desired) waiting.emplace(shape(*item), item);
    for (const Item* item : only_renamed) {
        auto it = waiting.find(shape(*item));
        if (it == waiting.end()) continue;
        on_pair(*item, *it->second);
        waiting.erase(it);
    }
}

}  // namespace

std::vector<RenameHint> rename_hints(const std::vector<parser::Statement>& statements) {
    std::vector<RenameHint> hints;
    for (const auto& statement : statements) {
        if (statement.node_type != "CreateStmt" && statement.node_type != "IndexStmt" &&
            statement.node_type != "AlterTableStmt")
            continue;
        QualifiedName table = relation_of(statement.node);
        auto hint = [&](RenameKind kind, const std::string& name, const std::string& old_name) {
            hints.push_back({kind, table, name, old_name, statement.location()});
        };
        if (statement.renamed_from) {
            if (statement.node_type == "IndexStmt")
                hint(RenameKind::index, statement.node.value("idxname", ""), *statement.renamed_from);
            else
                hint(RenameKind::table, table.name, *statement.renamed_from);
        }
        for (const auto& [column, old_name] : statement.column_renamed_from)
            hint(RenameKind::column, column, old_name);
        for (const auto& [constraint, old_name] : statement.constraint_renamed_from)
            hint(RenameKind::constraint, constraint, old_name);
    }
    return hints;
}

std::vector<Rename> hinted_renames(const model::Schema& from, const model::Schema& to,
                                   const std::vector<RenameHint>& hints) {
    Names before(from), after(to);
    std::vector<Rename> renames;
    std::map<QualifiedName, QualifiedName> old_table_of;  // new name → old name
    for (const auto& hint : hints) {
        if (hint.kind != RenameKind::table || hint.old_name == hint.table.name) continue;
        QualifiedName old_table{hint.table.schema, hint.old_name};
        if (!before.tables.count(old_table) || before.tables.count(hint.table) ||
            !after.tables.count(hint.table) || old_table_of.count(hint.table))
            continue;
        old_table_of.emplace(hint.table, old_table);
        renames.push_back(make_rename(RenameKind::table, hint.table, hint.old_name, hint.table.name));
    }
    std::set<std::tuple<RenameKind, QualifiedName, std::string>> seen;
    for (const auto& hint : hints) {
        if (hint.kind == RenameKind::table || hint.old_name == hint.name) continue;
        if (!seen.insert({hint.kind, hint.table, hint.name}).second) continue;
        auto renamed = old_table_of.find(hint.table);
        QualifiedName from_table = renamed == old_table_of.end() ? hint.table : renamed->second;
        bool applies = false;
        if (hint.kind == RenameKind::column) {
            applies = before.has(before.columns, from_table, hint.old_name) &&
                      !before.has(before.columns, from_table, hint.name) &&
                      after.has(after.columns, hint.table, hint.name);
        } else if (hint.kind == RenameKind::constraint) {
            applies = before.has(before.constraints, from_table, hint.old_name) &&
                      !before.has(before.constraints, from_table, hint.name) &&
                      after.has(after.constraints, hint.table, hint.name);
        } else if (hint.kind == RenameKind::index) {
            QualifiedName old_index{hint.table.schema, hint.old_name};
            QualifiedName new_index{hint.table.schema, hint.name};
            applies = before.indexes.count(old_index) && !before.indexes.count(new_index) &&
                      after.indexes.count(new_index);
        }
        if (applies) renames.push_back(make_rename(hint.kind, hint.table, hint.old_name, hint.name));
    }
    return renames;
}

std::vector<Rename> follow_up_renames(const model::Schema& renamed, const model::Schema& to,
                                      const std::vector<Rename>& done) {
    std::set<QualifiedName> touched;
    for (const auto& rename : done) {
        if (rename.kind == RenameKind::table || rename.kind == RenameKind::column)
            touched.insert(rename.object.name);
    }
    std::vector<Rename> renames;
    if (touched.empty()) return renames;

    auto only_on = [&](const auto& mine, const auto& theirs, auto key) {
        using Item = typename std::decay_t<decltype(mine)>::value_type;
        std::set<decltype(key(mine.front()))> other;
        for (const auto& item : theirs)
            if (touched.count(item.table)) other.insert(key(item));
        std::vector<const Item*> result;
        for (const auto& item : mine)
            if (touched.count(item.table) && !other.count(key(item))) result.push_back(&item);
        return result;
    };
    if (!renamed.constraints.empty() && !to.constraints.empty()) {
        auto key = [](const model::Constraint& c) { return std::pair(c.table, c.name); };
        pair_by_shape<model::Constraint>(
            only_on(renamed.constraints, to.constraints, key),
            only_on(to.constraints, renamed.constraints, key),
            [](const model::Constraint& c) {
                return fmt::format("{}.{}|{}|{}", c.table.schema, c.table.name,
                                   static_cast<int>(c.kind), c.definition);
            },
            [&](const model::Constraint& old_one, const model::Constraint& new_one) {
                renames.push_back(make_rename(RenameKind::constraint, old_one.table,
                                              old_one.name, new_one.name));
            });
    }
    if (!renamed.indexes.empty() && !to.indexes.empty()) {
        auto key = [](const model::Index& i) { return std::pair(i.table, i.name); };
        pair_by_shape<model::Index>(
            only_on(renamed.indexes, to.indexes, key), only_on(to.indexes, renamed.indexes, key),
            index_shape, [&](const model::Index& old_one, const model::Index& new_one) {
                renames.push_back(
                    make_rename(RenameKind::index, old_one.table, old_one.name, new_one.name));
            });
    }
    // Sequences belong to a table through OWNED BY.
    std::vector<const model::Sequence*> old_sequences, new_sequences;
    std::set<QualifiedName> renamed_names, desired_names;
    for (const auto& sequence : renamed.sequences) renamed_names.insert(sequence.name);
    for (const auto& sequence : to.sequences) desired_names.insert(sequence.name);
    for (const auto& sequence : renamed.sequences)
        if (sequence.owned_by && touched.count(sequence.owned_by->table) &&
            !desired_names.count(sequence.name))
            old_sequences.push_back(&sequence);
    for (const auto& sequence : to.sequences)
        if (sequence.owned_by && touched.count(sequence.owned_by->table) &&
            !renamed_names.count(sequence.name))
            new_sequences.push_back(&sequence);
    pair_by_shape<model::Sequence>(
        old_sequences, new_sequences,
        [](const model::Sequence& s) {
            return fmt::format("{}|{}.{}.{}|{}|{}|{}|{}|{}|{}", s.name.schema,
                               s.owned_by->table.schema, s.owned_by->table.name,
                               s.owned_by->column, s.options.data_type, s.options.start,
                               s.options.increment, s.options.min_value, s.options.max_value,
                               s.options.cycle);
        },
        [&](const model::Sequence& old_one, const model::Sequence& new_one) {
            renames.push_back(make_rename(RenameKind::sequence, {old_one.name.schema, ""},
                                          old_one.name.name, new_one.name.name));
        });
    return renames;
}

void prepend_renames(Plan& plan, const std::vector<Rename>& renames) {
    std::vector<Change> changes;
    for (const auto& rename : renames) {
        Change change;
        change.action = Action::alter;
        change.object = rename.object;
        change.summary = rename.summary;
        change.steps.push_back({rename.sql, true, {}});
        changes.push_back(std::move(change));
    }
    plan.changes.insert(plan.changes.begin(), changes.begin(), changes.end());
}

std::vector<Step> undo_steps(const std::vector<Rename>& renames) {
    std::vector<Step> steps;
    for (auto it = renames.rbegin(); it != renames.rend(); ++it)
        steps.push_back({it->undo_sql, true, {}});
    return steps;
}

}  // namespace driftless::diff
