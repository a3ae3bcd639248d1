// The catalog queries on other PostgreSQL majors (12, 13, 14, 16, 17): the round trip of the
// every-kind fixture, pagila, chinook and northwind (load → read → inspect files → load into
// an empty database → read) on a throwaway server of each major. Debian 12 ships only PostgreSQL
// 15, so the other servers come from scripts/install-other-postgres.sh (optional); a major that is
// not installed is reported as skipped, never failed.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/read_schema.hpp"
#include "db/session.hpp"
#include "inspect/schema_writer.hpp"
#include "loader/schema_loader.hpp"
#include "model/schema_json.hpp"
#include "parser/schema_parser.hpp"
#include "scratch/scratch_database.hpp"
#include "support/realworld.hpp"
#include "support/test_server.hpp"
#include "util/file_tree.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

fs::path other_postgres_dir() {
    const char* configured = std::getenv("DRIFTLESS_OTHER_PG_DIR");
    return configured && *configured ? fs::path(configured)
                                     : fs::path("/var/cache/driftless/postgresql");
}

// Statements of the fixture that need a newer server than `major`, by a marker in their text.
bool needs_newer_server(const std::string& text, int major) {
    struct Feature {
        const char* marker;
        int since;
    };
    static const Feature features[] = {
        {"BEGIN ATOMIC", 14},       // SQL-standard function bodies
        {"ON (lower(email))", 14},  // statistics on expressions
    };
    for (const auto& feature : features)
        if (major < feature.since && text.find(feature.marker) != std::string::npos) return true;
    return false;
}

std::vector<parser::Statement> fixture_for(int major) {
    fs::path fixture = fs::path(DRIFTLESS_SOURCE_DIR) / "tests/fixtures/roundtrip/everything.sql";
    auto statements = parser::parse_sources({parser::read_source_file(fixture)});
    std::erase_if(statements, [&](const parser::Statement& statement) {
        return needs_newer_server(statement.text, major);
    });
    return statements;
}

void load(const scratch::ScratchDatabase& database,
          const std::vector<parser::Statement>& statements) {
    db::Session session(database.conninfo());
    loader::load_statements(session, statements, {true});
}

// load → read → inspect files → load into an empty database → read: the same model.
model::Schema round_trip(scratch::ScratchServer& server,
                         const std::vector<parser::Statement>& statements) {
    auto original = server.create_database();
    load(*original, statements);
    model::Schema first = catalog::read_schema(original->conninfo());

    testing::TempDir out;
    write_file_tree(out.path() / "schema", inspect::render_schema_files(first), false);
    auto reloaded = server.create_database();
    load(*reloaded, parser::parse_sources(parser::read_schema_sources(out.path() / "schema")));
    model::Schema second = catalog::read_schema(reloaded->conninfo());

    CHECK(model::to_json(first).dump(1) == model::to_json(second).dump(1));
    CHECK(first == second);
    return first;
}

void round_trips_on(int major, const fs::path& bin_dir) {
    scratch::ScratchOptions options;
    options.embedded.bin_dir = bin_dir;
    options.embedded.root = testing::test_cache_root().parent_path() / fmt::format("pg{}", major);
    scratch::ScratchServer server(options);
    {
        auto probe = server.create_database();
        db::Session session(probe->conninfo());
        auto version = session.query("SHOW server_version_num");
        REQUIRE(std::stoi(version.at(0).at(0).value_or("0")) / 10000 == major);
    }

    model::Schema first = round_trip(server, fixture_for(major));
    // The readers really found the fixture's objects on this major.
    CHECK(first.tables.size() == 10);
    CHECK(first.views.size() == 3);
    CHECK(first.policies.size() == 2);
    CHECK(first.triggers.size() == 1);
    CHECK(first.enums.size() == 1);
    CHECK(first.domains.size() == 2);
    CHECK(first.range_types.size() == 1);
    CHECK(first.extensions.size() == 1);
    CHECK(first.rules.size() == 3);
    CHECK(first.statistics.size() == (major < 14 ? 4 : 5));
    CHECK(!first.dependencies.empty());

    if (!testing::have_realworld_schemas()) return;
    auto pagila = round_trip(
        server,
        parser::parse_sources({parser::read_source_file(testing::realworld_schema("pagila.sql"))}));
    CHECK(pagila.tables.size() == 70);
    round_trip(server, parser::parse_sources(
                           {parser::read_source_file(testing::realworld_schema("chinook.sql"))}));
    round_trip(server, parser::parse_sources({testing::northwind_without_drops()}));
}

}  // namespace

TEST_CASE("catalog round trip on PostgreSQL 12, 13, 14, 16 and 17", "[pg][catalog][versions]") {
    for (int major : {12, 13, 14, 16, 17}) {
        fs::path bin_dir = other_postgres_dir() / std::to_string(major) / "bin";
        if (!fs::exists(bin_dir / "postgres")) {
            WARN(
                fmt::format("PostgreSQL {} skipped: not installed in {} "
                            "(scripts/install-other-postgres.sh installs it)",
                            major, bin_dir.string()));
            continue;
        }
        INFO("PostgreSQL " << major << " from " << bin_dir.string());
        round_trips_on(major, bin_dir);
    }
}
