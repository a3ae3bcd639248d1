#include "diff/diff_schema.hpp"

#include <algorithm>
#include <tuple>

#include "diff/diff_context.hpp"
#include "diff/diff_extras.hpp"

namespace driftless::diff {

model::ObjectId object_id(model::ObjectKind kind, model::QualifiedName name,
                          model::QualifiedName table, std::string arguments) {
    model::ObjectId id;
    id.kind = kind;
    id.name = std::move(name);
    id.table = std::move(table);
    id.arguments = std::move(arguments);
    return id;
}

bool same_schema(const model::Schema& a, const model::Schema& b) {
    if (a == b) return true;
    auto ordered = [](model::Schema schema) {
        for (auto& table : schema.tables) {
            std::sort(table.columns.begin(), table.columns.end(),
                      [](const auto& x, const auto& y) { return x.name < y.name; });
        }
        return schema;
    };
    return ordered(a) == ordered(b);
}

Plan diff_schemas(const model::Schema& from, const model::Schema& to, const DiffOptions& options) {
    DiffContext context{from, to, options, {}, {}, {}, {}, {}};
    {
        std::set<model::QualifiedName> before;
        for (const auto& table : from.tables) before.insert(table.name);
        for (const auto& table : to.tables) {
            if (before.count(table.name)) context.existing_tables.insert(table.name);
        }
    }
    diff_namespaces_and_types(context);
    diff_sequences(context);
    diff_tables(context);              // reshaped and recreated tables, for what follows
    diff_routines_and_views(context);  // recreated views, for their indexes and triggers
    diff_constraints_and_indexes(context);
    diff_triggers_and_policies(context);
    diff_types_and_statistics(context);
    diff_privileges(context);

    auto& changes = context.plan.changes;
    // Stable: changes of one object keep the order their differ gave them.
    std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
        return std::tie(a.phase, a.rank, a.object) < std::tie(b.phase, b.rank, b.object);
    });
    changes.erase(std::remove_if(changes.begin(), changes.end(),
                                 [](const Change& change) { return change.steps.empty(); }),
                  changes.end());
    return std::move(context.plan);
}

}  // namespace driftless::diff
