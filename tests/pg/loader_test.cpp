// Loading schema files into a real database: dependency order, retries for what the parse
// trees cannot show, and errors mapped back to file:line:col with PostgreSQL's own words.
#include <catch2/catch.hpp>

#include "catalog/object_counts.hpp"
#include "loader/check_schema.hpp"
#include "loader/schema_loader.hpp"
#include "parser/schema_parser.hpp"
#include "support/synthetic_schema.hpp"
#include "support/test_server.hpp"

using namespace driftless;

namespace {

loader::LoadSummary load(testing::TestDatabase& database,
                         const std::vector<parser::SourceFile>& sources) {
    auto statements = parser::parse_sources(sources);
    auto session = database.connect();
    return loader::load_statements(session, statements, {true});
}

std::vector<parser::Diagnostic> load_errors(const std::vector<parser::SourceFile>& sources) {
    testing::TestDatabase database;
    try {
        load(database, sources);
    } catch (const parser::SourceErrors& errors) {
        return errors.diagnostics();
    }
    FAIL("the schema loaded, but errors were expected");
    return {};
}

}  // namespace

TEST_CASE("a schema of ten files in reverse dependency order loads", "[pg][loader]") {
    testing::TempDir dir;
    // Each file uses only what later files define.
    dir.write(
        "00_views.sql",
        "CREATE VIEW shop.order_totals AS SELECT o.id, shop.total(o.id) FROM shop.orders o;\n");
    dir.write(
        "01_policies.sql",
        "ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY;\n"
        "CREATE POLICY own_orders ON shop.orders USING (customer_id = shop.current_customer());\n");
    dir.write("02_triggers.sql",
              "CREATE TRIGGER touch BEFORE UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION "
              "shop.touch();\n");
    dir.write("03_indexes.sql",
              "CREATE INDEX orders_customer ON shop.orders (customer_id);\n"
              "COMMENT ON INDEX shop.orders_customer IS 'lookups by customer';\n");
    dir.write(
        "04_orders.sql",
        "CREATE TABLE shop.orders (\n  id bigint PRIMARY KEY DEFAULT nextval('shop.order_ids'),\n"
        "  customer_id bigint NOT NULL REFERENCES shop.customers (id),\n  state shop.order_state "
        "NOT NULL,\n"
        "  amount shop.price, updated_at timestamptz\n);\n");
    dir.write(
        "05_customers.sql",
        "CREATE TABLE shop.customers (id bigint PRIMARY KEY, email shop.email NOT NULL UNIQUE);\n");
    dir.write("06_functions.sql",
              "CREATE FUNCTION shop.total(bigint) RETURNS numeric LANGUAGE sql STABLE\n"
              "  AS $$ SELECT amount FROM shop.orders WHERE id = $1 $$;\n"
              "CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
              "BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n"
              "CREATE FUNCTION shop.current_customer() RETURNS bigint LANGUAGE sql STABLE\n"
              "  AS $$ SELECT nullif(current_setting('app.customer', true), '')::bigint $$;\n");
    dir.write("07_sequences.sql", "CREATE SEQUENCE shop.order_ids;\n");
    dir.write("08_types.sql",
              "CREATE TYPE shop.order_state AS ENUM ('new', 'paid');\n"
              "CREATE DOMAIN shop.price AS numeric(10,2) CHECK (VALUE >= 0);\n"
              "CREATE DOMAIN shop.email AS text CHECK (VALUE LIKE '%@%');\n");
    dir.write("09_schema.sql", "CREATE SCHEMA shop;\n");

    auto result = loader::check_schema(dir.path(), testing::test_server(), true);
    CHECK(result.files == 10);
    CHECK(result.statements == 16);
    CHECK(result.objects["schemas"] == 1);
    CHECK(result.objects["tables"] == 2);
    CHECK(result.objects["views"] == 1);
    CHECK(result.objects["functions"] == 3);
    CHECK(result.objects["triggers"] == 1);
    CHECK(result.objects["policies"] == 1);
    CHECK(result.objects["domains"] == 2);
    CHECK(result.objects["enums"] == 1);
    CHECK(result.objects["sequences"] == 1);
    CHECK(result.objects["foreign keys"] == 1);
}

TEST_CASE("1,000 tables with foreign keys in shuffled order load in one pass",
          "[pg][loader][scale]") {
    testing::SyntheticOptions options;
    options.tables = 1000;
    auto script = testing::as_script(testing::shuffled(testing::synthetic_statements(options), 7));
    testing::TestDatabase database;
    auto summary = load(database, {{"synthetic.sql", script}});
    CHECK(summary.rounds == 1);  // the dependency order was right the first time, no retries
    CHECK(summary.statements == 2002);
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'synth'") == "1000");
    CHECK(database.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'") == "1998");
}

TEST_CASE("dependencies hidden in function bodies are resolved by retrying", "[pg][loader]") {
    // A SQL function is checked at creation and reads a table: functions load before
    // tables, so the first attempt fails and the retry succeeds.
    testing::TestDatabase database;
    auto summary = load(database, {{"s.sql",
                                    "CREATE TABLE items (id int, price numeric);\n"
                                    "CREATE FUNCTION total() RETURNS numeric LANGUAGE sql AS "
                                    "'SELECT sum(price) FROM items';\n"}});
    CHECK(summary.rounds == 2);
    CHECK(database.scalar("SELECT total() IS NULL") == "t");
}

TEST_CASE("a foreign key cycle written inline is reported, not looped on", "[pg][loader]") {
    auto errors =
        load_errors({{"cycle.sql",
                      "CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b(id));\n"
                      "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id));\n"}});
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0].message, Catch::Contains("does not exist"));
}

TEST_CASE("server errors point at the spot in the file, with detail and hint", "[pg][loader]") {
    auto errors = load_errors(
        {{"schema/users.sql",
          "CREATE TABLE users (\n  id int PRIMARY KEY,\n  age int CHECK (age > 'old')\n);\n"
          "CREATE TABLE t (id int);\nCREATE INDEX t_lower ON t (lower(id));\n"}});
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].format() ==
          "schema/users.sql:3:24: invalid input syntax for type integer: \"old\"");
    CHECK(errors[1].file == "schema/users.sql");
    CHECK(errors[1].line == 6);
    CHECK(errors[1].column == 28);  // at lower(
    CHECK_THAT(errors[1].message, Catch::StartsWith("function lower(integer) does not exist") &&
                                      Catch::Contains("HINT: No function matches"));
}

TEST_CASE("errors in several files are all reported, consequences included", "[pg][loader]") {
    auto errors = load_errors({
        {"a.sql", "CREATE TABLE a (id int PRIMARY KEY, n varchar(0));\n"},
        {"b.sql", "CREATE TABLE b (id int, CONSTRAINT pk PRIMARY KEY (nope));\n"},
        {"c.sql", "CREATE TABLE c (id int REFERENCES a(id));\nCREATE TABLE d (id int);\n"},
    });
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].file == "a.sql");
    CHECK_THAT(errors[0].message, Catch::Contains("length for type varchar must be at least 1"));
    CHECK(errors[1].file == "b.sql");
    CHECK_THAT(errors[1].message, Catch::Contains("column \"nope\" named in key does not exist"));
    CHECK(errors[2].file == "c.sql");
    CHECK(errors[2].message == "relation \"a\" does not exist");
}
