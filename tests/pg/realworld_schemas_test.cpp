// The real-world schemas in ../shared/realworld/schemas (written by other projects) load,
// or are refused for exactly what does not belong in a schema file. Skipped without ../shared.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "loader/check_schema.hpp"
#include "parser/schema_parser.hpp"
#include "support/test_server.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

fs::path realworld(const std::string& name) {
    return fs::path(DRIFTLESS_SOURCE_DIR) / ".." / "shared" / "realworld" / "schemas" / name;
}

bool have_realworld() {
    if (fs::exists(realworld("pagila.sql"))) return true;
    WARN("skipped: ../shared/realworld is absent");
    return false;
}

}  // namespace

TEST_CASE("pagila loads: partitions, domains, matview, aggregate, triggers", "[pg][realworld]") {
    if (!have_realworld()) return;
    auto result = loader::check_schema(realworld("pagila.sql"), testing::test_server(), true);
    CHECK(result.objects["tables"] == 70);  // 15 tables and 55 partitions
    CHECK(result.objects["foreign keys"] == 36);
    CHECK(result.objects["materialized views"] == 1);
    CHECK(result.objects["views"] == 7);
    CHECK(result.objects["domains"] == 2);
    CHECK(result.objects["triggers"] == 15);
    CHECK(result.objects["aggregates"] == 1);
}

TEST_CASE("chinook loads", "[pg][realworld]") {
    if (!have_realworld()) return;
    auto result = loader::check_schema(realworld("chinook.sql"), testing::test_server(), true);
    CHECK(result.objects["tables"] == 11);
    CHECK(result.objects["foreign keys"] == 11);
}

TEST_CASE("northwind's DROP TABLEs are refused and without them it loads", "[pg][realworld]") {
    if (!have_realworld()) return;
    auto source = parser::read_source_file(realworld("northwind.sql"));
    auto parsed = parser::parse_file(source);
    REQUIRE(parsed.diagnostics.size() == 14);
    CHECK(parsed.diagnostics[0].line == 25);
    CHECK_THAT(parsed.diagnostics[0].message, Catch::StartsWith("DROP TABLE: DROP is not allowed"));

    // Variant made here: the same file with its DROP TABLE IF EXISTS lines removed.
    testing::TempDir dir;
    std::string text =
        std::regex_replace(source.text, std::regex("DROP TABLE IF EXISTS [a-z_]+;\n"), "");
    auto file = dir.write("northwind.sql", text);
    auto result = loader::check_schema(file, testing::test_server(), true);
    CHECK(result.objects["tables"] == 14);
    CHECK(result.objects["foreign keys"] == 13);
}

TEST_CASE("graphile-starter loads: RLS policies, extra schemas, extensions", "[pg][realworld]") {
    if (!have_realworld()) return;
    auto source = parser::read_source_file(realworld("graphile-starter.sql"));
    // Its prelude creates two roles in a DO block: roles belong to the server, so the test
    // creates them and the variant made here drops the DO block.
    CHECK_THAT(parser::parse_file(source).diagnostics.at(0).message,
               Catch::StartsWith("DO: running code"));
    {
        testing::TestDatabase admin;
        auto session = admin.connect();
        session.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'graphile_starter') "
            "THEN "
            "CREATE ROLE graphile_starter; END IF; IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE "
            "rolname = "
            "'graphile_starter_visitor') THEN CREATE ROLE graphile_starter_visitor; END IF; END "
            "$$");
    }
    testing::TempDir dir;
    std::string text =
        std::regex_replace(source.text, std::regex("DO \\$\\$ BEGIN[^]*?END \\$\\$;\n"), "",
                           std::regex_constants::format_first_only);
    auto file = dir.write("graphile.sql", text);
    auto result = loader::check_schema(file, testing::test_server(), true);
    CHECK(result.objects["tables"] == 12);
    CHECK(result.objects["schemas"] == 3);
    CHECK(result.objects["policies"] == 12);
    CHECK(result.objects["functions"] == 40);
    CHECK(result.objects["triggers"] == 15);
    CHECK(result.objects["extensions"] == 3);
}
