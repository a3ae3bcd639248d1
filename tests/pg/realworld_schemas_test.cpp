// The real-world schemas in ../shared/realworld/schemas (written by other projects) load,
// or are refused for exactly what does not belong in a schema file. Skipped without ../shared.
#include <catch2/catch.hpp>

#include "loader/check_schema.hpp"
#include "parser/schema_parser.hpp"
#include "support/realworld.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using testing::realworld_schema;

namespace {

loader::CheckResult check_source(const parser::SourceFile& source) {
    testing::TempDir dir;
    auto file = dir.write("schema.sql", source.text);
    return loader::check_schema(file, testing::test_server(), true);
}

}  // namespace

TEST_CASE("pagila loads: partitions, domains, matview, aggregate, triggers", "[pg][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    auto result =
        loader::check_schema(realworld_schema("pagila.sql"), testing::test_server(), true);
    CHECK(result.objects["tables"] == 70);  // 15 tables and 55 partitions
    CHECK(result.objects["foreign keys"] == 36);
    CHECK(result.objects["materialized views"] == 1);
    CHECK(result.objects["views"] == 7);
    CHECK(result.objects["domains"] == 2);
    CHECK(result.objects["triggers"] == 15);
    CHECK(result.objects["aggregates"] == 1);
}

TEST_CASE("chinook loads", "[pg][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    auto result =
        loader::check_schema(realworld_schema("chinook.sql"), testing::test_server(), true);
    CHECK(result.objects["tables"] == 11);
    CHECK(result.objects["foreign keys"] == 11);
}

TEST_CASE("northwind's DROP TABLEs are refused and without them it loads", "[pg][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    auto parsed = parser::parse_file(parser::read_source_file(realworld_schema("northwind.sql")));
    REQUIRE(parsed.diagnostics.size() == 14);
    CHECK(parsed.diagnostics[0].line == 25);
    CHECK_THAT(parsed.diagnostics[0].message, Catch::StartsWith("DROP TABLE: DROP is not allowed"));

    auto result = check_source(testing::northwind_without_drops());
    CHECK(result.objects["tables"] == 14);
    CHECK(result.objects["foreign keys"] == 13);
}

TEST_CASE("graphile-starter loads: RLS policies, extra schemas, extensions", "[pg][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    auto original =
        parser::parse_file(parser::read_source_file(realworld_schema("graphile-starter.sql")));
    CHECK_THAT(original.diagnostics.at(0).message, Catch::StartsWith("DO: running code"));

    auto result = check_source(testing::graphile_starter_without_role_prelude());
    CHECK(result.objects["tables"] == 12);
    CHECK(result.objects["schemas"] == 3);
    CHECK(result.objects["policies"] == 12);
    CHECK(result.objects["functions"] == 40);
    CHECK(result.objects["triggers"] == 15);
    CHECK(result.objects["extensions"] == 3);
}
