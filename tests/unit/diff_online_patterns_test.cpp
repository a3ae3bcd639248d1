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

namespace {

using StepList = std::vector<std::pair<std::string, bool>>;
const std::string orders = "ALTER TABLE app.\"Orders\" ";

model::Constraint key(model::ConstraintKind kind, const std::string& name,
                      const std::string& definition, std::vector<std::string> columns) {
    model::Constraint c;
    c.table = {"app", "Orders"};
    c.name = name;
    c.kind = kind;
    c.definition = definition;
    c.columns = std::move(columns);
    return c;
}

}  // namespace

TEST_CASE("SET NOT NULL on an existing column goes through a NOT VALID check validated apart",
          "[unit][diff][golden][online]") {
    auto desired = base();
    desired.tables[0].columns[1].not_null = true;
    auto plan = diff::diff_schemas(base(), desired);
    const std::string check = "\"Orders_customer_id_not_null_tmp\"";
    CHECK(steps(plan) == StepList{{orders + "ADD CONSTRAINT " + check +
                                       " CHECK (customer_id IS NOT NULL) NOT VALID;",
                                   true},
                                  {orders + "VALIDATE CONSTRAINT " + check + ";", false},
                                  {orders + "ALTER COLUMN customer_id SET NOT NULL;", false},
                                  {orders + "DROP CONSTRAINT IF EXISTS " + check + ";", false}});
    // No step scans under ACCESS EXCLUSIVE: VALIDATE takes SHARE UPDATE EXCLUSIVE, and the
    // validated check spares SET NOT NULL its scan.
    CHECK(plan.hazards().empty());
    CHECK(steps(diff::diff_schemas(desired, base())) ==
          StepList{{orders + "ALTER COLUMN customer_id DROP NOT NULL;", true}});
    // Partitioned tables too: PostgreSQL 15 takes a NOT VALID check on them.
    auto partitioned_current = base(), partitioned_desired = desired;
    partitioned_current.tables[0].kind = model::TableKind::partitioned;
    partitioned_desired.tables[0].kind = model::TableKind::partitioned;
    CHECK(steps(diff::diff_schemas(partitioned_current, partitioned_desired)) == steps(plan));
}

TEST_CASE("plain SET NOT NULL, scanning under ACCESS EXCLUSIVE, where the pattern does not apply",
          "[unit][diff][golden][online]") {
    auto desired = base();
    desired.tables[0].columns[1].not_null = true;
    const StepList plain{{orders + "ALTER COLUMN customer_id SET NOT NULL;", true}};
    auto plan = diff::diff_schemas(base(), desired, {.online = false});
    CHECK(steps(plan) == plain);
    CHECK(plan.hazards() == std::vector<diff::Hazard>{diff::Hazard::access_exclusive_lock});
    // A retyped column: the table is rewritten under ACCESS EXCLUSIVE anyway.
    auto retyped = desired;
    retyped.tables[0].columns[1].type = "bigint";
    CHECK(
        steps(diff::diff_schemas(base(), retyped)) ==
        StepList{{orders + "ALTER COLUMN customer_id TYPE bigint USING customer_id::bigint;", true},
                 plain[0]});
    // A column added in the same plan is added NOT NULL.
    auto added = base();
    added.tables[0].columns.pop_back();
    CHECK(steps(diff::diff_schemas(added, desired)) ==
          StepList{{orders + "ADD COLUMN customer_id integer NOT NULL;", true}});
}

TEST_CASE("the temporary NOT NULL check's name: numbered when taken, cut to 63 bytes with a hash",
          "[unit][diff][golden][online]") {
    auto first_step = [](model::Schema current, const std::string& column) {
        current.tables[0].columns[1].name = column;
        auto desired = current;
        desired.tables[0].columns[1].not_null = true;
        auto all = steps(diff::diff_schemas(current, desired));
        return all.size() == 4 ? all[0].first : "";
    };
    auto taken = base();
    taken.constraints.push_back(key(model::ConstraintKind::check, "Orders_customer_id_not_null_tmp",
                                    "CHECK ((customer_id > 0))", {"customer_id"}));
    CHECK(first_step(taken, "customer_id") ==
          orders + "ADD CONSTRAINT \"Orders_customer_id_not_null_tmp2\" " +
              "CHECK (customer_id IS NOT NULL) NOT VALID;");
    // 76 bytes: the first 54, '_' and 8 hex digits of the whole name's FNV-1a hash.
    const std::string long_name = "carrier_reference_number_of_the_shipment_and_its_carrier";
    CHECK(first_step(base(), long_name) ==
          orders + "ADD CONSTRAINT " +
              "\"Orders_carrier_reference_number_of_the_shipment_and_it_976fe41c\" CHECK (" +
              long_name + " IS NOT NULL) NOT VALID;");
    // Never in the middle of a UTF-8 character: 53 bytes then, the name 62 bytes long.
    std::string wide;
    for (int i = 0; i < 30; ++i) wide += "\u00fc";
    CHECK(first_step(base(), wide) == orders + "ADD CONSTRAINT \"Orders_" + wide.substr(0, 46) +
                                          "_32286da3\" CHECK (\"" + wide +
                                          "\" IS NOT NULL) NOT VALID;");
}

TEST_CASE("a new unique constraint on an existing table: index built concurrently, USING INDEX",
          "[unit][diff][golden][online]") {
    auto desired = base();
    desired.constraints.push_back(key(model::ConstraintKind::unique, "orders_customer_key",
                                      "UNIQUE (customer_id)", {"customer_id"}));
    auto plan = diff::diff_schemas(base(), desired);
    CHECK(steps(plan) ==
          StepList{{"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_key ON "
                    "app.\"Orders\" (customer_id);",
                    false},
                   {orders + "ADD CONSTRAINT orders_customer_key UNIQUE USING INDEX "
                             "orders_customer_key;",
                    false}});
    CHECK(plan.hazards() == std::vector<diff::Hazard>{diff::Hazard::index_build});
    CHECK(steps(diff::diff_schemas(desired, base())) ==
          StepList{{orders + "DROP CONSTRAINT orders_customer_key;", true}});

    // INCLUDE, NULLS NOT DISTINCT and DEFERRABLE; a comment follows the constraint.
    auto wide = base();
    auto unique = key(model::ConstraintKind::unique, "Orders key",
                      "UNIQUE NULLS NOT DISTINCT (id, customer_id) INCLUDE (\"Note (x)\") "
                      "DEFERRABLE INITIALLY DEFERRED",
                      {"id", "customer_id"});
    unique.deferrable = unique.initially_deferred = true;
    unique.comment = "one per customer";
    wide.constraints.push_back(unique);
    CHECK(steps(diff::diff_schemas(base(), wide)) ==
          StepList{{"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Orders key\" ON "
                    "app.\"Orders\" (id, customer_id) INCLUDE (\"Note (x)\") NULLS NOT DISTINCT;",
                    false},
                   {orders + "ADD CONSTRAINT \"Orders key\" UNIQUE USING INDEX \"Orders key\" "
                             "DEFERRABLE INITIALLY DEFERRED;",
                    false},
                   {"COMMENT ON CONSTRAINT \"Orders key\" ON app.\"Orders\" IS 'one per customer';",
                    false}});
}

TEST_CASE("a new primary key on nullable columns: SET NOT NULL the online way, then USING INDEX",
          "[unit][diff][golden][online]") {
    auto desired = base();
    desired.tables[0].columns[0].not_null = true;
    desired.constraints.push_back(
        key(model::ConstraintKind::primary_key, "Orders_pkey", "PRIMARY KEY (id)", {"id"}));
    auto plan = diff::diff_schemas(base(), desired);
    const std::string check = "\"Orders_id_not_null_tmp\"";
    CHECK(steps(plan) ==
          StepList{
              {orders + "ADD CONSTRAINT " + check + " CHECK (id IS NOT NULL) NOT VALID;", true},
              {"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Orders_pkey\" ON "
               "app.\"Orders\" (id);",
               false},
              {orders + "VALIDATE CONSTRAINT " + check + ";", false},
              {orders + "ALTER COLUMN id SET NOT NULL;", false},
              {orders + "DROP CONSTRAINT IF EXISTS " + check + ";", false},
              {orders + "ADD CONSTRAINT \"Orders_pkey\" PRIMARY KEY USING INDEX \"Orders_pkey\";",
               false}});
    CHECK(plan.hazards() == std::vector<diff::Hazard>{diff::Hazard::index_build});
    // A model whose key column stays nullable: USING INDEX sets it NOT NULL with a scan.
    auto nullable = base();
    nullable.constraints.push_back(desired.constraints.back());
    CHECK(diff::diff_schemas(base(), nullable).changes.back().steps.back().hazards ==
          std::vector<diff::Hazard>{diff::Hazard::access_exclusive_lock});
}

TEST_CASE(
    "a foreign key to a key made USING INDEX in the same plan follows it, out of the transaction",
    "[unit][diff][golden][online]") {
    auto current = base();
    current.tables[1].columns[0].not_null = true;
    auto desired = current;
    auto pk = key(model::ConstraintKind::primary_key, "customers_pkey", "PRIMARY KEY (id)", {"id"});
    pk.table = {"app", "customers"};
    desired.constraints.push_back(pk);
    desired.constraints.push_back(foreign_key());
    const StepList key_steps{
        {"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_pkey ON app.customers (id);",
         false},
        {"ALTER TABLE app.customers ADD CONSTRAINT customers_pkey PRIMARY KEY USING INDEX "
         "customers_pkey;",
         false}};
    const std::string fk =
        orders +
        "ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers(id)";
    auto expected = key_steps;
    expected.insert(expected.end(), {{fk + " NOT VALID;", false},
                                     {orders + "VALIDATE CONSTRAINT orders_customer_fk;", false}});
    CHECK(steps(diff::diff_schemas(current, desired)) == expected);
    // From a table created in the same plan: plain, but after the key as well.
    current.tables.erase(current.tables.begin());
    expected = key_steps;
    expected.insert(
        expected.begin(),
        {"CREATE TABLE app.\"Orders\" (\n    id integer,\n    customer_id integer\n);", true});
    expected.push_back({fk + ";", false});
    CHECK(steps(diff::diff_schemas(current, desired)) == expected);
}

TEST_CASE("keys stay plain ADD CONSTRAINT on partitioned tables, when redefined, and on new tables",
          "[unit][diff][golden][online]") {
    auto unique = key(model::ConstraintKind::unique, "orders_customer_key", "UNIQUE (customer_id)",
                      {"customer_id"});
    const std::string add = orders + "ADD CONSTRAINT orders_customer_key UNIQUE (customer_id);";
    // Partitioned: neither CREATE INDEX CONCURRENTLY nor USING INDEX exist there.
    auto current = base();
    current.tables[0].kind = model::TableKind::partitioned;
    auto desired = current;
    desired.constraints.push_back(unique);
    auto plan = diff::diff_schemas(current, desired);
    CHECK(steps(plan) == StepList{{add, true}});
    CHECK(plan.hazards() == std::vector<diff::Hazard>{diff::Hazard::access_exclusive_lock,
                                                      diff::Hazard::index_build});
    // Nor NOT VALID foreign keys (PostgreSQL 15).
    auto with_fk = current;
    with_fk.constraints.push_back(foreign_key());
    CHECK(steps(diff::diff_schemas(current, with_fk)) ==
          StepList{{orders + "ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
                             "REFERENCES app.customers(id);",
                    true}});
    // Redefined: dropped and added in one transaction, never without the key in between.
    auto before = base();
    auto old = unique;
    old.definition = "UNIQUE (id)";
    before.constraints.push_back(old);
    auto after = base();
    after.constraints.push_back(unique);
    CHECK(steps(diff::diff_schemas(before, after)) ==
          StepList{{orders + "DROP CONSTRAINT orders_customer_key;", true}, {add, true}});
    // A table created in the same plan.
    auto none = base();
    none.tables.erase(none.tables.begin());
    auto created = steps(diff::diff_schemas(none, after));
    REQUIRE(created.size() == 2);
    CHECK(created[1] == std::pair<std::string, bool>{add, true});
}
