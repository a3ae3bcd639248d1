// Golden tests: the exact SQL of each online-safe pattern, from hand-built models (no server).
#include <catch2/catch.hpp>

#include "diff/diff_schema.hpp"
#include "emit/migration_file.hpp"

using namespace driftless;

namespace {

model::Table table(const std::string& name, std::vector<std::string> columns) {
    model::Table t;
    t.name = {"app", name};
    for (const auto& column_name : columns) {
        model::Column column;
        column.name = column_name;
        column.type = "integer";
        t.columns.push_back(column);
    }
    return t;
}

model::Schema base() {
    model::Schema schema;
    model::Namespace app;
    app.name = "app";
    schema.schemas.push_back(app);
    schema.tables.push_back(table("Orders", {"id", "customer_id"}));
    schema.tables.push_back(table("customers", {"id"}));
    return schema;
}

model::Index index(const std::string& name, const std::string& definition) {
    model::Index i;
    i.table = {"app", "Orders"};
    i.name = name;
    i.definition = definition;
    return i;
}

model::Constraint foreign_key() {
    model::Constraint c;
    c.table = {"app", "Orders"};
    c.name = "orders_customer_fk";
    c.kind = model::ConstraintKind::foreign_key;
    c.definition = "FOREIGN KEY (customer_id) REFERENCES app.customers(id)";
    c.columns = {"customer_id"};
    c.references = model::QualifiedName{"app", "customers"};
    return c;
}

std::vector<std::pair<std::string, bool>> steps(const diff::Plan& plan) {
    std::vector<std::pair<std::string, bool>> all;
    for (const auto& change : plan.changes)
        for (const auto& step : change.steps) all.emplace_back(step.sql, step.transactional);
    return all;
}

}  // namespace

TEST_CASE("a new index on an existing table is built concurrently outside a transaction",
          "[unit][diff][golden]") {
    auto desired = base();
    desired.indexes.push_back(index("orders_customer_idx",
                                    "CREATE INDEX orders_customer_idx ON app.\"Orders\" USING btree (customer_id)"));
    auto plan = diff::diff_schemas(base(), desired);
    REQUIRE(steps(plan) == std::vector<std::pair<std::string, bool>>{
                               {"CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON "
                                "app.\"Orders\" USING btree (customer_id);",
                                false}});
    CHECK(plan.hazards() == std::vector<diff::Hazard>{diff::Hazard::index_build});
    // Dropped the same way.
    auto back = diff::diff_schemas(desired, base());
    CHECK(steps(back) == std::vector<std::pair<std::string, bool>>{
                             {"DROP INDEX CONCURRENTLY IF EXISTS app.orders_customer_idx;", false}});
}

TEST_CASE("a foreign key on an existing table is added NOT VALID, then validated apart",
          "[unit][diff][golden]") {
    auto desired = base();
    desired.constraints.push_back(foreign_key());
    CHECK(steps(diff::diff_schemas(base(), desired)) ==
          std::vector<std::pair<std::string, bool>>{
              {"ALTER TABLE app.\"Orders\" ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
               "(customer_id) REFERENCES app.customers(id) NOT VALID;",
               true},
              {"ALTER TABLE app.\"Orders\" VALIDATE CONSTRAINT orders_customer_fk;", false}});
}

TEST_CASE("a check on an existing table is added NOT VALID, then validated apart",
          "[unit][diff][golden]") {
    auto desired = base();
    model::Constraint check;
    check.table = {"app", "Orders"};
    check.name = "positive id";
    check.kind = model::ConstraintKind::check;
    check.definition = "CHECK ((id > 0))";
    desired.constraints.push_back(check);
    CHECK(steps(diff::diff_schemas(base(), desired)) ==
          std::vector<std::pair<std::string, bool>>{
              {"ALTER TABLE app.\"Orders\" ADD CONSTRAINT \"positive id\" CHECK ((id > 0)) NOT VALID;", true},
              {"ALTER TABLE app.\"Orders\" VALIDATE CONSTRAINT \"positive id\";", false}});
}

TEST_CASE("objects of a table created in the same plan use plain statements", "[unit][diff][golden]") {
    auto current = base();
    current.tables.erase(current.tables.begin());  // no Orders yet
    auto desired = base();
    desired.constraints.push_back(foreign_key());
    desired.indexes.push_back(index("orders_customer_idx",
                                    "CREATE INDEX orders_customer_idx ON app.\"Orders\" USING btree (customer_id)"));
    CHECK(steps(diff::diff_schemas(current, desired)) ==
          std::vector<std::pair<std::string, bool>>{
              {"CREATE TABLE app.\"Orders\" (\n    id integer,\n    customer_id integer\n);", true},
              {"ALTER TABLE app.\"Orders\" ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
               "(customer_id) REFERENCES app.customers(id);",
               true},
              {"CREATE INDEX orders_customer_idx ON app.\"Orders\" USING btree (customer_id);", true}});
    // The same without the online patterns: plain statements for existing tables too.
    auto desired_index = base();
    desired_index.indexes.push_back(index("i", "CREATE INDEX i ON app.\"Orders\" USING btree (id)"));
    CHECK(steps(diff::diff_schemas(base(), desired_index, {.online = false})) ==
          std::vector<std::pair<std::string, bool>>{
              {"CREATE INDEX i ON app.\"Orders\" USING btree (id);", true}});
}

TEST_CASE("dropping a column or table names DELETES_DATA, a retype TABLE_REWRITE",
          "[unit][diff][golden]") {
    auto desired = base();
    desired.tables[0].columns.pop_back();
    desired.tables[0].columns[0].type = "bigint";
    desired.tables.pop_back();
    auto plan = diff::diff_schemas(base(), desired);
    CHECK(steps(plan) == std::vector<std::pair<std::string, bool>>{
                             {"ALTER TABLE app.\"Orders\" DROP COLUMN customer_id;", true},
                             {"DROP TABLE app.customers;", true},
                             {"ALTER TABLE app.\"Orders\" ALTER COLUMN id TYPE bigint USING id::bigint;", true}});
    CHECK(plan.hazards() == std::vector<diff::Hazard>{diff::Hazard::deletes_data, diff::Hazard::table_rewrite,
                                                      diff::Hazard::access_exclusive_lock});
}

TEST_CASE("the migration file: header with changes and hazards, sections marked as they must run",
          "[unit][diff][golden]") {
    emit::MigrationFile file;
    file.title = "orders_index";
    file.changes = {"+ index orders_customer_idx on app.Orders"};
    file.up = {{"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON app.\"Orders\" (customer_id);", false,
                {diff::Hazard::index_build}}};
    file.down = {{"DROP INDEX CONCURRENTLY IF EXISTS app.i;", false, {diff::Hazard::index_dropped}}};
    CHECK(emit::render_migration_file(file) ==
          "-- orders_index (written by driftless generate)\n"
          "-- hazards: INDEX_BUILD\n"
          "-- changes:\n"
          "--   + index orders_customer_idx on app.Orders\n"
          "\n"
          "-- migrate:up transaction:false\n"
          "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON app.\"Orders\" (customer_id);\n"
          "\n"
          "-- migrate:down transaction:false\n"
          "DROP INDEX CONCURRENTLY IF EXISTS app.i;\n");
}

TEST_CASE("the same models give a byte-identical plan", "[unit][diff][golden]") {
    auto desired = base();
    desired.constraints.push_back(foreign_key());
    desired.indexes.push_back(index("a", "CREATE INDEX a ON app.\"Orders\" USING btree (id)"));
    CHECK(diff::diff_schemas(base(), desired).changes.size() == 3);
    CHECK(steps(diff::diff_schemas(base(), desired)) == steps(diff::diff_schemas(base(), desired)));
}
