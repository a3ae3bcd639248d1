// Range types and extended statistics: objects the server renders whole, so any change but
// the comment is a drop and a create. Statistics also go first and come back after on a table
// whose columns are retyped or dropped (they may name those columns), and come back with a
// relation that is dropped and created again. (Rules are diffed with triggers and policies.)
#include "diff/diff_extras.hpp"

#include "inspect/type_sql.hpp"

namespace driftless::diff {

namespace {

using emit::quote_identifier;
using emit::quote_qualified;
using model::ObjectKind;

bool must_recreate(const DiffContext& context, const model::QualifiedName& relation) {
    return context.recreated_relations.count(relation) > 0 ||
           context.reshaped_tables.count(relation) > 0;
}

bool goes_with_relation(const DiffContext& context, const model::QualifiedName& relation) {
    return context.dropped_tables.count(relation) > 0 ||
           context.recreated_relations.count(relation) > 0;
}

std::string terminated(std::string sql) {
    while (!sql.empty() && (sql.back() == '\n' || sql.back() == ' ')) sql.pop_back();
    if (sql.empty() || sql.back() != ';') sql += ';';
    return sql;
}

void diff_statistics(DiffContext& context) {
    std::map<model::QualifiedName, const model::ExtendedStatistics*> before, after;
    for (const auto& s : context.from.statistics) before.emplace(s.name, &s);
    for (const auto& s : context.to.statistics) after.emplace(s.name, &s);
    auto id = [](const model::ExtendedStatistics& s) {
        return object_id(ObjectKind::statistics, s.name, s.table);
    };
    auto drop = [&](const model::ExtendedStatistics& s) {
        context.add(Action::drop, id(s), "- statistics " + s.name.display(), phase::drop_index)
            .steps.push_back(sql_step("DROP STATISTICS " + quote_qualified(s.name) + ";"));
    };
    auto comment = [&](const model::ExtendedStatistics& s) {
        context.add(Action::alter, id(s), "~ comment on statistics " + s.name.display(),
                    phase::comment)
            .steps.push_back(
                sql_step(comment_statement("STATISTICS " + quote_qualified(s.name), s.comment)));
    };
    for (const auto& [name, stats] : after) {
        auto it = before.find(name);
        bool changed = it == before.end() || it->second->definition != stats->definition ||
                       it->second->table != stats->table || must_recreate(context, stats->table);
        if (changed) {
            if (it != before.end() && !goes_with_relation(context, it->second->table))
                drop(*it->second);
            context.add(Action::create, id(*stats), "+ statistics " + name.display(),
                        phase::create_index)
                .steps.push_back(sql_step(terminated(stats->definition)));
            if (stats->comment) comment(*stats);
        } else if (it->second->comment != stats->comment) {
            comment(*stats);
        }
    }
    for (const auto& [name, stats] : before) {
        if (!after.count(name) && !goes_with_relation(context, stats->table)) drop(*stats);
    }
}

// Range types cannot be altered: any change but the comment drops and creates the type,
// which PostgreSQL refuses while a column or function uses it (the plan then fails loudly).
void diff_range_types(DiffContext& context) {
    std::map<model::QualifiedName, const model::RangeType*> before, after;
    for (const auto& t : context.from.range_types) before.emplace(t.name, &t);
    for (const auto& t : context.to.range_types) after.emplace(t.name, &t);
    auto id = [](const model::RangeType& t) { return object_id(ObjectKind::range_type, t.name); };
    auto drop = [&](const model::RangeType& t) {
        context.add(Action::drop, id(t), "- range type " + t.name.display(), phase::drop_type)
            .steps.push_back(sql_step("DROP TYPE " + quote_qualified(t.name) + ";"));
    };
    auto comment = [&](const model::RangeType& t) {
        context.add(Action::alter, id(t), "~ comment on type " + t.name.display(), phase::comment)
            .steps.push_back(sql_step(comment_statement("TYPE " + quote_qualified(t.name), t.comment)));
    };
    for (const auto& [name, type] : after) {
        auto it = before.find(name);
        model::RangeType old_without_comment = it == before.end() ? model::RangeType{} : *it->second;
        old_without_comment.comment = type->comment;
        if (it == before.end() || !(old_without_comment == *type)) {
            if (it != before.end()) drop(*it->second);
            context.add(Action::create, id(*type), "+ range type " + name.display(), phase::create_type)
                .steps.push_back(sql_step(inspect::create_range_type(*type)));
            if (type->comment) comment(*type);
        } else if (it->second->comment != type->comment) {
            comment(*type);
        }
    }
    for (const auto& [name, type] : before)
        if (!after.count(name)) drop(*type);
}

}  // namespace

void diff_types_and_statistics(DiffContext& context) {
    diff_range_types(context);
    diff_statistics(context);
}

}  // namespace driftless::diff
