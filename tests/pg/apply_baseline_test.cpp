// `driftless baseline` on a real server, through the real binary: plain --to, and taking over
// the history tables of dbmate, golang-migrate, node-pg-migrate, Prisma Migrate and Flyway,
// each created here the way that tool creates it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "apply/baseline.hpp"
#include "pg/baseline_test_support.hpp"
#include "support/cli.hpp"
#include "support/migration_project.hpp"
#include "support/test_server.hpp"
#include "util/error.hpp"

using namespace driftless;
using testing::driftless_cli;

using namespace driftless::testing::baseline_support;

TEST_CASE("baseline records every file up to the version without running any", "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;

    auto result = project.run({"baseline", "--url", database.conninfo(), "--to", second});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("recorded 20230101000000_users.sql\n") &&
                                  Catch::Contains("recorded 20230102000000_orders.sql\n") &&
                                  !Catch::Contains("items"));
    CHECK_FALSE(table_exists(database, "users"));  // nothing ran
    CHECK(count(database,
                "schema_migrations WHERE length(checksum) = 64 AND execution_ms IS "
                "NULL AND name = 'orders' AND applied_at IS NOT NULL") == "1");
    CHECK(count(database, "schema_migrations") == "2");

    // Idempotent: what is recorded is left alone.
    auto again = project.run({"baseline", "--url", database.conninfo(), "--to", second});
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.output, Catch::Contains("nothing to record"));
    CHECK(count(database, "schema_migrations") == "2");

    // apply then runs only what comes after.
    auto apply = project.run({"apply", "--url", database.conninfo()});
    INFO(apply.output);
    CHECK(apply.exit_code == 0);
    CHECK_THAT(apply.output, Catch::Contains("applied 20230103000000_items.sql") &&
                                 !Catch::Contains("users.sql"));
    CHECK(table_exists(database, "items"));
    CHECK_FALSE(table_exists(database, "users"));
}

TEST_CASE("baseline --to must name a migration file", "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    auto result = project.run({"baseline", "--url", database.conninfo(), "--to", "20230104"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("no migration file has version 20230104"));
    CHECK_FALSE(table_exists(database, "schema_migrations"));
    auto no_to = project.run({"baseline", "--url", database.conninfo()});
    CHECK(no_to.exit_code == 2);
    auto bad_tool = project.run(
        {"baseline", "--url", database.conninfo(), "--to", first, "--from", "liquibase"});
    CHECK(bad_tool.exit_code == 2);
}

TEST_CASE("baseline refuses a recorded migration edited since", "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    REQUIRE(project.run({"baseline", "--url", database.conninfo(), "--to", first}).exit_code == 0);
    project.migration("20230101000000_users.sql", "-- migrate:up\nCREATE TABLE users (x int);\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    auto result = project.run({"baseline", "--url", database.conninfo(), "--to", second});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output,
               Catch::Contains("edited since they ran") && Catch::Contains("users.sql"));
    CHECK(count(database, "schema_migrations") == "1");  // orders was not recorded either
}

TEST_CASE("a baseline dry run changes nothing and JSON output is stable", "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(std::string(dbmate_ddl) +
                               "; INSERT INTO schema_migrations VALUES ('20230101000000')");

    auto dry = project.run(
        {"baseline", "--url", database.conninfo(), "--to", first, "--from", "dbmate", "--dry-run"});
    INFO(dry.output);
    CHECK(dry.exit_code == 0);
    CHECK_THAT(dry.output, Catch::Contains("would record 20230101000000_users.sql"));
    // Not even the adoption of dbmate's table happened.
    CHECK(count(database, "information_schema.columns WHERE table_name = 'schema_migrations'") ==
          "1");

    auto plain_dry = project.run({"--format", "json", "baseline", "--url", database.conninfo(),
                                  "--to", second, "--dry-run"});
    INFO(plain_dry.output);
    REQUIRE(plain_dry.exit_code == 0);
    auto json = nlohmann::json::parse(plain_dry.output);
    CHECK(json["dry_run"] == true);
    REQUIRE(json["recorded"].size() == 2);
    CHECK(json["recorded"][1]["version"] == second);
    CHECK(json["recorded"][1]["file"] == "20230102000000_orders.sql");
    CHECK(count(database, "information_schema.columns WHERE table_name = 'schema_migrations'") ==
          "1");

    auto real =
        project.run({"baseline", "--url", database.conninfo(), "--to", second, "--format", "json"});
    INFO(real.output);
    REQUIRE(real.exit_code == 0);
    json = nlohmann::json::parse(real.output);
    CHECK(json["dry_run"] == false);
    CHECK(json["recorded"].size() == 2);
    CHECK(count(database, "schema_migrations WHERE length(checksum) = 64") == "2");
}

TEST_CASE("baseline writes all rows in one transaction or none", "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(
        "CREATE TABLE schema_migrations (version text PRIMARY KEY, name text, checksum text, "
        "applied_at timestamptz DEFAULT now(), execution_ms integer, applied_by text);"
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.version = '20230102000000' THEN RAISE EXCEPTION 'no orders today'; END IF; "
        "RETURN NEW; END $$;"
        "CREATE TRIGGER refuse BEFORE INSERT ON schema_migrations FOR EACH ROW EXECUTE "
        "FUNCTION refuse()");
    auto result = project.run({"baseline", "--url", database.conninfo(), "--to", third});
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.output, Catch::Contains("no orders today"));
    CHECK(count(database, "schema_migrations") == "0");
}

TEST_CASE("baseline in a confirm environment needs --yes without a terminal", "[pg][baseline]") {
    testing::TestDatabase database;
    ::setenv("DRIFTLESS_TEST_BASELINE_URL", database.conninfo().c_str(), 1);
    Project project(
        "environments:\n  prod: { url: \"${DRIFTLESS_TEST_BASELINE_URL}\", confirm: true }\n");
    project.three_migrations();
    auto refused = project.run({"baseline", "--env", "prod", "--to", first});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.output, Catch::Contains("--yes"));
    CHECK_FALSE(table_exists(database, "schema_migrations"));
    auto confirmed = project.run({"baseline", "--env", "prod", "--to", first, "--yes"});
    CHECK(confirmed.exit_code == 0);
    CHECK(count(database, "schema_migrations") == "1");
}

