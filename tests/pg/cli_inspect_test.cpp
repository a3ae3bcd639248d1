// `driftless inspect` as users run it: the real binary against a real database.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "support/cli.hpp"
#include "support/test_server.hpp"
#include "util/process.hpp"

using namespace driftless;
using testing::driftless_cli;
namespace fs = std::filesystem;

TEST_CASE("inspect writes files that check loads, and refuses a non-empty directory", "[pg][cli]") {
    testing::TestDatabase database;
    database.connect().execute(
        "CREATE SCHEMA app; CREATE TABLE app.\"User Accounts\" (id int PRIMARY KEY, email text "
        "UNIQUE);"
        "CREATE VIEW app.emails AS SELECT email FROM app.\"User Accounts\";"
        "CREATE TABLE public.schema_migrations (version text PRIMARY KEY);"
        "CREATE TABLE public.audit_log (id int);");
    testing::TempDir dir;
    fs::path out = dir.path() / "schema";
    auto first = driftless_cli(
        {"inspect", "--url", database.conninfo(), "--out", out.string(), "--exclude", "audit_*"});
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.output, Catch::Contains("1 tables, 1 views"));
    CHECK(fs::exists(out / "app" / "tables" / "User_Accounts.sql"));
    // The tracking table and excluded names are not part of the schema.
    CHECK(!fs::exists(out / "public" / "tables" / "schema_migrations.sql"));
    CHECK(!fs::exists(out / "public" / "tables" / "audit_log.sql"));

    auto check = driftless_cli({"check", "--schema", out.string()});
    INFO(check.output);
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.output, Catch::Contains("1 tables") && Catch::Contains("1 views"));

    auto again = driftless_cli({"inspect", "--url", database.conninfo(), "--out", out.string()});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.output, Catch::Contains("directory is not empty"));

    // With --force, files of objects that no longer exist do not linger.
    database.connect().execute("DROP VIEW app.emails");
    auto forced =
        driftless_cli({"inspect", "--url", database.conninfo(), "--out", out.string(), "--force"});
    CHECK(forced.exit_code == 0);
    CHECK(!fs::exists(out / "app" / "views" / "emails.sql"));
    CHECK(fs::exists(out / "app" / "tables" / "User_Accounts.sql"));
}

TEST_CASE("inspect of an unreachable server is exit 3 without the password", "[cli]") {
    testing::TempDir dir;
    auto result =
        driftless_cli({"inspect", "--url", "postgresql://bob:hunter2-secret@127.0.0.1:1/prod",
                       "--out", (dir.path() / "out").string()});
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.output, Catch::Contains("cannot connect to bob@127.0.0.1:1/prod"));
    CHECK_THAT(result.output, !Catch::Contains("hunter2-secret"));
    CHECK(!fs::exists(dir.path() / "out"));
}

TEST_CASE("inspect without a target or with a malformed URL is exit 2", "[cli]") {
    testing::TempDir dir;
    auto missing = driftless_cli({"inspect", "--out", (dir.path() / "out").string()});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("--url"));
    auto malformed = driftless_cli({"inspect", "--url", "postgresql://x:y@host/db?nosuchoption=1",
                                    "--out", (dir.path() / "out").string()});
    CHECK(malformed.exit_code == 2);
    CHECK_THAT(malformed.output, !Catch::Contains(":y@"));
}

TEST_CASE("inspect writes GRANTs only with privileges: true", "[pg][cli]") {
    testing::TestDatabase database;
    database.connect().execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cli_reader') THEN "
        "CREATE ROLE cli_reader; END IF; END $$;"
        "CREATE TABLE public.notes (id int, body text);"
        "GRANT SELECT ON public.notes TO cli_reader;");
    testing::TempDir dir;
    fs::path table_file = dir.path() / "plain" / "public" / "tables" / "notes.sql";
    auto plain = driftless_cli(
        {"inspect", "--url", database.conninfo(), "--out", (dir.path() / "plain").string()});
    INFO(plain.output);
    REQUIRE(plain.exit_code == 0);
    CHECK_THAT(testing::read_text(table_file), !Catch::Contains("GRANT"));

    fs::path config = dir.write("driftless.yaml", "privileges: true\n");
    auto with = driftless_cli({"--config", config.string(), "inspect", "--url", database.conninfo(),
                               "--out", (dir.path() / "with").string()});
    INFO(with.output);
    REQUIRE(with.exit_code == 0);
    CHECK_THAT(testing::read_text(dir.path() / "with" / "public" / "tables" / "notes.sql"),
               Catch::Contains("GRANT SELECT ON TABLE public.notes TO cli_reader;"));
}
