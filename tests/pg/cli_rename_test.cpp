// `-- driftless:renamed-from` through the real binary: generate writes renames (and the names
// PostgreSQL derived from the old ones follow), rows survive apply, DOWN renames back, plan
// tries the renames on the live database without leaving anything behind.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support/migration_project.hpp"
#include "support/test_server.hpp"

using namespace driftless;
namespace fs = std::filesystem;

using testing::SchemaProject;

namespace {

const std::string before =
    "CREATE TABLE people (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);\n"
    "CREATE INDEX people_lower_email_idx ON people (lower(email));\n"
    "CREATE VIEW people_emails AS SELECT id, email FROM people;\n";

const std::string after =
    "-- driftless:renamed-from people\n"
    "CREATE TABLE users (\n"
    "  id bigserial PRIMARY KEY,\n"
    "  -- driftless:renamed-from email\n"
    "  address text NOT NULL UNIQUE\n"
    ");\n"
    "CREATE INDEX users_lower_address_idx ON users (lower(address));\n"
    "CREATE VIEW people_emails AS SELECT id, address AS email FROM users;\n";

std::size_t position(const std::string& text, const std::string& part) {
    auto at = text.find(part);
    INFO(part);
    REQUIRE(at != std::string::npos);
    return at;
}

}  // namespace

TEST_CASE("renamed-from: generate renames instead of dropping, rows survive, DOWN renames back",
          "[pg][diff][cli]") {
    SchemaProject project;
    project.schema(before);
    REQUIRE(project.run({"generate", "init", "-q"}).exit_code == 0);
    project.schema(after);
    auto generated = project.run({"generate", "rename_people"});
    INFO(generated.output);
    REQUIRE(generated.exit_code == 0);  // no --allow-destructive needed: nothing is dropped
    auto files = project.migration_files();
    REQUIRE(files.size() == 2);
    auto text = SchemaProject::text(files[1]);
    INFO(text);
    auto up = position(text, "-- migrate:up");
    auto down = position(text, "-- migrate:down");
    auto table = position(text, "ALTER TABLE public.people RENAME TO users;\n");
    auto column = position(text, "ALTER TABLE public.users RENAME COLUMN email TO address;\n");
    CHECK((up < table && table < column && column < down));
    // Names PostgreSQL derived from the old ones follow the rename.
    CHECK(position(text, "ALTER TABLE public.users RENAME CONSTRAINT people_pkey TO users_pkey;") < down);
    CHECK(position(text, "ALTER TABLE public.users RENAME CONSTRAINT people_email_key TO "
                         "users_address_key;") < down);
    CHECK(position(text, "ALTER SEQUENCE public.people_id_seq RENAME TO users_id_seq;") < down);
    CHECK(position(text, "ALTER INDEX public.people_lower_email_idx RENAME TO "
                         "users_lower_address_idx;") < down);
    CHECK(text.find("DROP TABLE") == std::string::npos);
    CHECK(text.find("DROP COLUMN") == std::string::npos);
    CHECK(text.find("DELETES_DATA") == std::string::npos);
    // DOWN undoes the column before the table, as the last steps.
    auto undo_column = position(text, "ALTER TABLE public.users RENAME COLUMN address TO email;\n");
    auto undo_table = position(text, "ALTER TABLE public.users RENAME TO people;\n");
    CHECK((down < undo_column && undo_column < undo_table));

    // Annotations of renames that ran are inert.
    auto again = project.run({"generate", "again"});
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.output, Catch::Contains("no changes"));

    testing::TestDatabase database;
    std::string first_version = files[0].filename().string().substr(0, 14);
    REQUIRE(project.run({"apply", "--url", database.conninfo(), "--to", first_version, "-q"})
                .exit_code == 0);
    database.connect().execute("INSERT INTO people (email) VALUES ('kept@example.com')");

    SECTION("plan shows the renames and leaves the live database as it was") {
        auto plan = project.run({"plan", "--url", database.conninfo()});
        INFO(plan.output);
        CHECK(plan.exit_code == 0);
        CHECK_THAT(plan.output, Catch::StartsWith("~ rename table public.people → users\n") &&
                                    Catch::Contains("~ rename column public.users.email → address"));
        CHECK(database.scalar("SELECT to_regclass('public.people') IS NOT NULL") == "t");
        CHECK(database.scalar("SELECT to_regclass('public.users') IS NULL") == "t");
    }
    SECTION("apply keeps the rows; down renames back") {
        REQUIRE(project.run({"apply", "--url", database.conninfo(), "-q"}).exit_code == 0);
        CHECK(database.scalar("SELECT address FROM users") == "kept@example.com");
        CHECK(database.scalar("SELECT email FROM people_emails") == "kept@example.com");
        auto check = project.run({"diff", "--from", database.conninfo(), "--to",
                                  (project.dir.path() / "schema").string(), "--check"});
        INFO(check.output);
        CHECK(check.exit_code == 0);
        REQUIRE(project.run({"down", "--steps", "1", "--url", database.conninfo(), "-q"}).exit_code == 0);
        CHECK(database.scalar("SELECT email FROM people") == "kept@example.com");
    }
}
