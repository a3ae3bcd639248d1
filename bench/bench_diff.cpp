// Times the diff alone on generated models of 10,000 and 20,000 tables (each with columns,
// a primary key, a foreign key and an index), 5 % of the tables changed on the desired side.
// Targets (issue 6): under 1 s for 10,000 tables; doubling the size at most 2.2x the time.
#include <fmt/format.h>

#include <chrono>

#include "diff/diff_schema.hpp"

using namespace driftless;

namespace {

using Clock = std::chrono::steady_clock;

model::Schema generated(int tables, bool changed) {
    model::Schema schema;
    model::Namespace app;
    app.name = "app";
    schema.schemas.push_back(app);
    for (int i = 0; i < tables; ++i) {
        bool touched = changed && i % 20 == 0;  // 5 %
        model::Table table;
        table.name = {"app", fmt::format("t{:05}", i)};
        for (const char* name : {"id", "name", "state", "created_at", "amount", "ref"}) {
            model::Column column;
            column.name = name;
            column.type = std::string(name) == "name" ? "text" : "bigint";
            column.not_null = std::string(name) == "id";
            table.columns.push_back(column);
        }
        if (touched) {
            model::Column extra;
            extra.name = "note";
            extra.type = "text";
            table.columns.push_back(extra);
            table.columns[4].type = "numeric(12,2)";
        }
        model::Constraint key;
        key.table = table.name;
        key.name = table.name.name + "_pkey";
        key.kind = model::ConstraintKind::primary_key;
        key.definition = "PRIMARY KEY (id)";
        key.columns = {"id"};
        schema.constraints.push_back(key);
        if (i > 0) {
            model::Constraint fk;
            fk.table = table.name;
            fk.name = table.name.name + "_ref_fkey";
            fk.kind = model::ConstraintKind::foreign_key;
            fk.definition = fmt::format("FOREIGN KEY (ref) REFERENCES app.t{:05}(id)", i - 1);
            fk.columns = {"ref"};
            fk.references = model::QualifiedName{"app", fmt::format("t{:05}", i - 1)};
            schema.constraints.push_back(fk);
        }
        model::Index index;
        index.table = table.name;
        index.name = table.name.name + "_name_idx";
        index.definition = fmt::format("CREATE INDEX {} ON app.{} USING btree ({})", index.name,
                                       table.name.name, touched ? "name, state" : "name");
        schema.indexes.push_back(index);
        schema.tables.push_back(std::move(table));
    }
    return schema;
}

double time_diff(int tables, std::size_t& changes) {
    auto from = generated(tables, false);
    auto to = generated(tables, true);
    double best = 1e18;
    for (int run = 0; run < 3; ++run) {
        auto t0 = Clock::now();
        auto plan = diff::diff_schemas(from, to);
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        changes = plan.changes.size();
    }
    return best;
}

}  // namespace

int main() {
    std::size_t changes10 = 0, changes20 = 0;
    double ten = time_diff(10000, changes10);
    double twenty = time_diff(20000, changes20);
    fmt::print("diff of generated models (best of 3), 5 % of tables changed\n");
    fmt::print("  10,000 tables  {:8.1f} ms  {} changes (target < 1000 ms)\n", ten, changes10);
    fmt::print("  20,000 tables  {:8.1f} ms  {} changes\n", twenty, changes20);
    fmt::print("  doubling ratio {:8.2f}x (target <= 2.2x)\n", twenty / ten);
    return 0;
}
