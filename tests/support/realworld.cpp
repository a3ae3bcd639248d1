#include "support/realworld.hpp"

#include <catch2/catch.hpp>

#include <regex>

#include "support/test_server.hpp"

namespace driftless::testing {

namespace fs = std::filesystem;

fs::path realworld_schema(const std::string& file_name) {
    return fs::path(DRIFTLESS_SOURCE_DIR) / ".." / "shared" / "realworld" / "schemas" / file_name;
}

bool have_realworld_schemas() {
    if (fs::exists(realworld_schema("pagila.sql"))) return true;
    WARN("skipped: ../shared/realworld is absent");
    return false;
}

parser::SourceFile northwind_without_drops() {
    auto source = parser::read_source_file(realworld_schema("northwind.sql"));
    source.text =
        std::regex_replace(source.text, std::regex("DROP TABLE IF EXISTS [a-z_]+;\n"), "");
    return source;
}

parser::SourceFile graphile_starter_without_role_prelude() {
    TestDatabase admin;
    admin.connect().execute(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'graphile_starter') THEN "
        "CREATE ROLE graphile_starter; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'graphile_starter_visitor') THEN "
        "CREATE ROLE graphile_starter_visitor; END IF; END $$");
    auto source = parser::read_source_file(realworld_schema("graphile-starter.sql"));
    source.text = std::regex_replace(source.text, std::regex("DO \\$\\$ BEGIN[^]*?END \\$\\$;\n"),
                                     "", std::regex_constants::format_first_only);
    return source;
}

}  // namespace driftless::testing
