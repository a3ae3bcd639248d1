// Round trip: schema SQL → database A → model A → `inspect` files → database B → model B.
// Loading the written files into an empty database must reproduce exactly the same model.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/read_schema.hpp"
#include "inspect/schema_writer.hpp"
#include "loader/schema_loader.hpp"
#include "model/schema_json.hpp"
#include "parser/schema_parser.hpp"
#include "support/realworld.hpp"
#include "support/synthetic_schema.hpp"
#include "support/test_server.hpp"
#include "util/file_tree.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

void load_into(const testing::TestDatabase& database,
               const std::vector<parser::SourceFile>& sources) {
    auto statements = parser::parse_sources(sources);
    auto session = database.connect();
    loader::load_statements(session, statements, {true});
}

// The first lines where two JSON dumps differ, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
    std::istringstream left(a), right(b);
    std::string l, r;
    int line = 0;
    while (true) {
        bool more_left = static_cast<bool>(std::getline(left, l));
        bool more_right = static_cast<bool>(std::getline(right, r));
        ++line;
        if (!more_left && !more_right) return "";
        if (l != r)
            return "line " + std::to_string(line) + ":\n  original: " + l + "\n  reloaded: " + r;
    }
}

model::Schema round_trip(const std::vector<parser::SourceFile>& sources) {
    testing::TestDatabase original;
    load_into(original, sources);
    model::Schema first = catalog::read_schema(original.conninfo());

    testing::TempDir out;
    write_file_tree(out.path() / "schema", inspect::render_schema_files(first), false);
    testing::TestDatabase reloaded;
    load_into(reloaded, parser::read_schema_sources(out.path() / "schema"));
    model::Schema second = catalog::read_schema(reloaded.conninfo());

    std::string a = model::to_json(first).dump(1);
    std::string b = model::to_json(second).dump(1);
    INFO(first_difference(a, b));
    CHECK(a == b);
    CHECK(first == second);
    return first;
}

}  // namespace

TEST_CASE("round trip: every object kind, names that need quoting", "[pg][roundtrip]") {
    fs::path fixture = fs::path(DRIFTLESS_SOURCE_DIR) / "tests/fixtures/roundtrip/everything.sql";
    auto model = round_trip({parser::read_source_file(fixture)});
    // The model must really hold what the fixture defines, or the round trip proves nothing.
    CHECK(model.tables.size() == 10);
    CHECK(model.views.size() == 3);
    CHECK(model.policies.size() == 2);
    CHECK(model.triggers.size() == 1);
    CHECK(model.enums.size() == 1);
    CHECK(model.domains.size() == 2);
    CHECK(model.composite_types.size() == 1);
    CHECK(model.range_types.size() == 1);
    CHECK(model.sequences.size() == 2);
    CHECK(model.extensions.size() == 1);
}

TEST_CASE("round trip: 1,000 generated tables", "[pg][roundtrip][scale]") {
    testing::SyntheticOptions options;
    options.tables = 1000;
    auto model =
        round_trip({{"synthetic.sql", testing::as_script(testing::synthetic_statements(options))}});
    CHECK(model.tables.size() == 1000);
    CHECK(model.indexes.size() == 1000);
}

TEST_CASE("round trip: real-world schemas", "[pg][roundtrip][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    SECTION("pagila") {
        auto model =
            round_trip({parser::read_source_file(testing::realworld_schema("pagila.sql"))});
        CHECK(model.tables.size() == 70);
    }
    SECTION("chinook") {
        round_trip({parser::read_source_file(testing::realworld_schema("chinook.sql"))});
    }
    SECTION("northwind, without its DROP TABLEs") {
        round_trip({testing::northwind_without_drops()});
    }
    SECTION("graphile-starter, without its role-creating DO block") {
        auto model = round_trip({testing::graphile_starter_without_role_prelude()});
        CHECK(model.policies.size() == 12);
    }
}

TEST_CASE("round trip: privileges, when read with them", "[pg][roundtrip]") {
    testing::TestDatabase original;
    auto session = original.connect();
    // Roles belong to the server, not to the schema files.
    session.execute(R"SQL(
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Reader Role') THEN CREATE ROLE "Reader Role"; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rt_writer') THEN CREATE ROLE rt_writer; END IF;
END $$;)SQL");
    load_into(original, {{"grants.sql", R"SQL(
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO "Reader Role";
CREATE TYPE app.mood AS ENUM ('a', 'b');
REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
GRANT USAGE ON TYPE app.mood TO "Reader Role";
CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);
GRANT USAGE ON DOMAIN app.pos TO rt_writer WITH GRANT OPTION;
CREATE TABLE app.t (id serial PRIMARY KEY, secret text, note text);
GRANT SELECT, INSERT ON app.t TO "Reader Role";
GRANT UPDATE (note) ON app.t TO rt_writer WITH GRANT OPTION;
GRANT SELECT (id, note) ON app.t TO PUBLIC;
GRANT USAGE ON SEQUENCE app.t_id_seq TO rt_writer;
CREATE SEQUENCE app.s;
GRANT SELECT ON SEQUENCE app.s TO "Reader Role";
CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.f() TO rt_writer;
CREATE PROCEDURE app.p(n integer) LANGUAGE sql AS 'SELECT 1';
GRANT EXECUTE ON PROCEDURE app.p(integer) TO "Reader Role";
CREATE VIEW app.v AS SELECT id FROM app.t;
GRANT SELECT ON app.v TO "Reader Role";
)SQL"}});
    catalog::ReadOptions with_privileges;
    with_privileges.privileges = true;
    model::Schema first = catalog::read_schema(original.conninfo(), with_privileges);

    auto files = inspect::render_schema_files(first);
    std::string all;
    for (const auto& [path, text] : files) all += text;
    CHECK(all.find("REVOKE EXECUTE ON ROUTINE app.f() FROM PUBLIC;") != std::string::npos);
    CHECK(all.find("GRANT UPDATE (note) ON TABLE app.t TO rt_writer WITH GRANT OPTION;") !=
          std::string::npos);
    CHECK(all.find("GRANT USAGE ON SCHEMA app TO \"Reader Role\";") != std::string::npos);

    testing::TempDir out;
    write_file_tree(out.path() / "schema", files, false);
    testing::TestDatabase reloaded;
    load_into(reloaded, parser::read_schema_sources(out.path() / "schema"));
    model::Schema second = catalog::read_schema(reloaded.conninfo(), with_privileges);

    std::string a = model::to_json(first).dump(1);
    std::string b = model::to_json(second).dump(1);
    INFO(first_difference(a, b));
    CHECK(a == b);
    // The ACLs were really read, so the comparison covers them.
    REQUIRE(first.tables.size() == 1);
    CHECK_FALSE(first.tables[0].acl.empty());
    CHECK_FALSE(first.functions.empty());
    for (const auto& function : first.functions) CHECK_FALSE(function.acl.empty());
    // Read without privileges, the same files carry no GRANT at all.
    std::string plain;
    for (const auto& [path, text] : inspect::render_schema_files(catalog::read_schema(original.conninfo())))
        plain += text;
    CHECK(plain.find("GRANT") == std::string::npos);
}
