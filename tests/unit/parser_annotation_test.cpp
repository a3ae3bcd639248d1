// `-- driftless:renamed-from` comments attach to the table, column, index or constraint that
// follows them.
#include <catch2/catch.hpp>

#include "parser/schema_parser.hpp"

using namespace driftless::parser;

TEST_CASE("renamed-from attaches to a table and to columns", "[unit][parser]") {
    auto parsed = parse_file({"schema/users.sql", R"SQL(
-- driftless:renamed-from people
-- Accounts of the application.
CREATE TABLE app.users (
  id bigint PRIMARY KEY,
  -- driftless:renamed-from mail
  email text NOT NULL,

  -- driftless:renamed-from "Display Name"
  "displayName" text,
  age int
);
CREATE TABLE other (
  -- driftless:renamed-from old_id
  id int
);
)SQL"});
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.statements.size() == 2);
    const auto& users = parsed.statements[0];
    CHECK(users.renamed_from == "people");
    REQUIRE(users.column_renamed_from.size() == 2);
    CHECK(users.column_renamed_from.at("email") == "mail");
    CHECK(users.column_renamed_from.at("displayName") == "Display Name");
    CHECK(!parsed.statements[1].renamed_from);
    CHECK(parsed.statements[1].column_renamed_from.at("id") == "old_id");
}

TEST_CASE("a renamed-from that precedes nothing it can rename is an error", "[unit][parser]") {
    auto parsed = parse_file(
        {"schema/x.sql",
         "-- driftless:renamed-from old_view\nCREATE VIEW v AS SELECT 1;\n"
         "CREATE TABLE t (a int);\n-- driftless:renamed-from\nCREATE TABLE u (a int);\n"});
    REQUIRE(parsed.diagnostics.size() == 2);
    CHECK(parsed.diagnostics[0].format() ==
          "schema/x.sql:1:4: driftless:renamed-from must come right before a CREATE TABLE, a "
          "column or named constraint of one, a CREATE INDEX or an ALTER TABLE … ADD "
          "CONSTRAINT");
    CHECK(parsed.diagnostics[1].line == 4);
    CHECK_THAT(parsed.diagnostics[1].message, Catch::Contains("needs the old name"));
}

TEST_CASE("renamed-from attaches to indexes and named constraints", "[unit][parser]") {
    auto parsed = parse_file({"schema/orders.sql", R"SQL(
CREATE TABLE orders (
  id bigint,
  total numeric,
  -- driftless:renamed-from orders_total_check
  CONSTRAINT "total is positive" CHECK (total > 0),
  CONSTRAINT orders_pkey PRIMARY KEY (id)
);
-- driftless:renamed-from orders_total_idx
CREATE INDEX orders_by_total ON orders (total);
-- driftless:renamed-from orders_id_fkey
ALTER TABLE orders ADD CONSTRAINT orders_parent_fkey FOREIGN KEY (id) REFERENCES orders (id);
ALTER TABLE orders
  -- driftless:renamed-from old_unique
  ADD CONSTRAINT orders_total_key UNIQUE (total);
)SQL"});
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.statements.size() == 4);
    CHECK(!parsed.statements[0].renamed_from);
    REQUIRE(parsed.statements[0].constraint_renamed_from.size() == 1);
    CHECK(parsed.statements[0].constraint_renamed_from.at("total is positive") ==
          "orders_total_check");
    CHECK(parsed.statements[1].renamed_from == "orders_total_idx");
    CHECK(parsed.statements[2].constraint_renamed_from.at("orders_parent_fkey") ==
          "orders_id_fkey");
    CHECK(parsed.statements[3].constraint_renamed_from.at("orders_total_key") == "old_unique");
}
