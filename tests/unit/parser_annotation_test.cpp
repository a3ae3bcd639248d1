// `-- driftless:renamed-from` comments attach to the table or column that follows them.
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
    CHECK(users.table_renamed_from == "people");
    REQUIRE(users.column_renamed_from.size() == 2);
    CHECK(users.column_renamed_from.at("email") == "mail");
    CHECK(users.column_renamed_from.at("displayName") == "Display Name");
    CHECK(!parsed.statements[1].table_renamed_from);
    CHECK(parsed.statements[1].column_renamed_from.at("id") == "old_id");
}

TEST_CASE("a renamed-from that precedes nothing it can rename is an error", "[unit][parser]") {
    auto parsed = parse_file(
        {"schema/x.sql",
         "-- driftless:renamed-from old_index\nCREATE INDEX i ON t (a);\n"
         "CREATE TABLE t (a int);\n-- driftless:renamed-from\nCREATE TABLE u (a int);\n"});
    REQUIRE(parsed.diagnostics.size() == 2);
    CHECK(parsed.diagnostics[0].format() ==
          "schema/x.sql:1:4: driftless:renamed-from must come right before a CREATE TABLE or a "
          "column definition");
    CHECK(parsed.diagnostics[1].line == 4);
    CHECK_THAT(parsed.diagnostics[1].message, Catch::Contains("needs the old name"));
}
