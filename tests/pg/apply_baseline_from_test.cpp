// `driftless baseline --from`: taking over the history tables of dbmate, golang-migrate,
// node-pg-migrate, Prisma Migrate and Flyway, each created here the way that tool creates it.
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

TEST_CASE("baseline from dbmate fills in dbmate's own table and checks it", "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(std::string(dbmate_ddl) +
                               "; INSERT INTO schema_migrations VALUES ('20230101000000'), "
                               "('20230102000000')");

    SECTION("every applied file up to the version is recorded with its checksum") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "dbmate"});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.output, Catch::Contains("recorded 20230101000000_users.sql") &&
                                      Catch::Contains("recorded 20230102000000_orders.sql"));
        CHECK(count(database, "schema_migrations WHERE length(checksum) = 64") == "2");
        auto again = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "dbmate"});
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.output, Catch::Contains("nothing to record"));
    }
    SECTION("versions dbmate applied beyond the version are refused") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", first, "--from", "dbmate"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("baseline to at least 20230102000000") &&
                                      Catch::Contains("20230102000000_orders.sql"));
        CHECK(count(database,
                    "information_schema.columns WHERE table_name = "
                    "'schema_migrations'") == "1");
    }
    SECTION("files dbmate never applied and versions without a file are refused") {
        database.connect().execute(
            "DELETE FROM schema_migrations WHERE version = '20230102000000';"
            "INSERT INTO schema_migrations VALUES ('20230103000000'), ('20230109000000')");
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", third, "--from", "dbmate"});
        INFO(result.output);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("the database does not have them") &&
                                      Catch::Contains("20230102000000_orders.sql") &&
                                      Catch::Contains("missing as a file") &&
                                      Catch::Contains("20230109000000"));
        CHECK(count(database, "schema_migrations WHERE version = '20230102000000'") == "0");
    }
}

TEST_CASE("baseline from golang-migrate counts everything up to its one version",
          "[pg][baseline]") {
    Project project("tracking_table: driftless.migrations\n");
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(std::string(golang_migrate_ddl) +
                               "; INSERT INTO schema_migrations VALUES (20230102000000, false)");

    SECTION("the files up to its version are recorded") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "golang-migrate"});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK(count(database, "driftless.migrations") == "2");
        CHECK(count(database, "schema_migrations") == "1");  // golang-migrate's is untouched
    }
    SECTION("a baseline below its version is refused") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", first, "--from", "golang-migrate"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("baseline to at least 20230102000000"));
        CHECK_FALSE(table_exists(database, "driftless.migrations"));
    }
    SECTION("a baseline beyond its version is refused: the database lacks those") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", third, "--from", "golang-migrate"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("20230103000000_items.sql"));
    }
    SECTION("a dirty version is refused") {
        database.connect().execute("UPDATE schema_migrations SET dirty = true");
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "golang-migrate"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("dirty") && Catch::Contains("migrate force"));
        CHECK_FALSE(table_exists(database, "driftless.migrations"));
    }
}

TEST_CASE("baseline fills in golang-migrate's table adopted as the tracking table",
          "[pg][baseline]") {
    Project project;  // the default tracking table is golang-migrate's schema_migrations
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(std::string(golang_migrate_ddl) +
                               "; INSERT INTO schema_migrations VALUES (20230102000000, false)");
    auto dry = project.run({"baseline", "--url", database.conninfo(), "--to", second, "--from",
                            "golang-migrate", "--dry-run"});
    CHECK(dry.exit_code == 0);
    CHECK(count(database, "information_schema.columns WHERE table_name = 'schema_migrations'") ==
          "2");
    auto result = project.run(
        {"baseline", "--url", database.conninfo(), "--to", second, "--from", "golang-migrate"});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("recorded 20230101000000_users.sql") &&
                                  Catch::Contains("recorded 20230102000000_orders.sql"));
    CHECK(count(database, "schema_migrations WHERE length(checksum) = 64 AND NOT dirty") == "2");
    auto again = project.run(
        {"baseline", "--url", database.conninfo(), "--to", second, "--from", "golang-migrate"});
    INFO(again.output);
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.output, Catch::Contains("nothing to record"));
    auto apply = project.run({"apply", "--url", database.conninfo()});
    INFO(apply.output);
    CHECK(apply.exit_code == 0);
    CHECK_THAT(apply.output, Catch::Contains("applied 20230103000000_items.sql") &&
                                 !Catch::Contains("users.sql"));
}

TEST_CASE("baseline from node-pg-migrate maps names to versions and keeps run_on",
          "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute("CREATE SCHEMA ops;" + std::string(node_pg_migrate_ddl) +
                               ";ALTER TABLE pgmigrations SET SCHEMA ops;"
                               "INSERT INTO ops.pgmigrations (name, run_on) VALUES "
                               "('20230101000000_users', '2023-01-05 12:00:00'), "
                               "('20230102000000_orders', '2023-01-06 12:00:00')");

    auto missing = project.run(
        {"baseline", "--url", database.conninfo(), "--to", second, "--from", "node-pg-migrate"});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("pgmigrations does not exist"));

    SECTION("recorded with the time node-pg-migrate ran them") {
        auto result =
            project.run({"baseline", "--url", database.conninfo(), "--to", second, "--from",
                         "node-pg-migrate", "--from-table", "ops.pgmigrations"});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK(count(database,
                    "schema_migrations WHERE version = '20230102000000' AND "
                    "applied_at = '2023-01-06 12:00:00'::timestamp") == "1");
    }
    SECTION("a name without a leading version is refused by name") {
        database.connect().execute(
            "INSERT INTO ops.pgmigrations (name, run_on) VALUES ('seed-data', now())");
        auto result =
            project.run({"baseline", "--url", database.conninfo(), "--to", second, "--from",
                         "node-pg-migrate", "--from-table", "ops.pgmigrations"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("row name 'seed-data'"));
        CHECK_FALSE(table_exists(database, "schema_migrations"));
    }
}

TEST_CASE("baseline from prisma counts finished migrations that were not rolled back",
          "[pg][baseline]") {
    Project project;
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(
        std::string(prisma_ddl) + ";" +
        prisma_row("a", "20230101000000_users", "'2023-02-01 12:00:00+00'", "NULL") +
        prisma_row("b", "20230102000000_orders", "'2023-02-02 12:00:00+00'", "NULL") +
        prisma_row("c", "20230103000000_items", "NULL", "'2023-02-03 12:00:00+00'"));

    SECTION("recorded with prisma's finished_at") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "prisma"});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK(count(database,
                    "schema_migrations WHERE version = '20230101000000' AND "
                    "applied_at = '2023-02-01 12:00:00+00'") == "1");
    }
    SECTION("a rolled-back migration is not applied") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", third, "--from", "prisma"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("not applied according to prisma") &&
                                      Catch::Contains("20230103000000_items.sql"));
    }
    SECTION("a failed migration is refused") {
        database.connect().execute(prisma_row("d", "20230103000000_items", "NULL", "NULL"));
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "prisma"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("prisma migrate resolve"));
        CHECK_FALSE(table_exists(database, "schema_migrations"));
    }
    SECTION("a missing table is named") {
        database.connect().execute("DROP TABLE _prisma_migrations");
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", second, "--from", "prisma"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("_prisma_migrations does not exist"));
    }
}

TEST_CASE("baseline from flyway reads successful versioned rows", "[pg][baseline]") {
    Project project;
    project.migration("1_init.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
    project.migration("2_users.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
    project.migration("3_orders.sql", "-- migrate:up\nCREATE TABLE c (id int);\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    database.connect().execute(std::string(flyway_ddl) + ";" +
                               flyway_row(1, "NULL", "SCHEMA", "\"public\"", true) +
                               flyway_row(2, "'1'", "SQL", "V1__init.sql", true) +
                               flyway_row(3, "'2'", "SQL", "V2__users.sql", true) +
                               flyway_row(4, "NULL", "SQL", "R__views.sql", true));

    SECTION("recorded with flyway's installed_on") {
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", "2", "--from", "flyway"});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.output, Catch::Contains("recorded 1_init.sql") &&
                                      Catch::Contains("recorded 2_users.sql"));
        CHECK(count(database,
                    "schema_migrations WHERE version = '2' AND applied_at = "
                    "'2023-03-03 12:00:00'::timestamp") == "1");
    }
    SECTION("a flyway baseline stands for every version up to it") {
        database.connect().execute("DELETE FROM flyway_schema_history WHERE installed_rank = 2;" +
                                   flyway_row(5, "'1'", "BASELINE", "<< Flyway Baseline >>", true));
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", "2", "--from", "flyway"});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK(count(database, "schema_migrations") == "2");
    }
    SECTION("a version with a dot cannot be mapped and is refused by row") {
        database.connect().execute(flyway_row(5, "'2.1'", "SQL", "V2_1__fix.sql", true));
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", "2", "--from", "flyway"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("installed_rank 5") && Catch::Contains("2.1") &&
                                      Catch::Contains("dot"));
    }
    SECTION("a failed row is refused") {
        database.connect().execute(flyway_row(5, "'3'", "SQL", "V3__orders.sql", false));
        auto result = project.run(
            {"baseline", "--url", database.conninfo(), "--to", "2", "--from", "flyway"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("flyway repair"));
    }
}

TEST_CASE("baseline refuses another tool's table named as the tracking table", "[pg][baseline]") {
    Project project("tracking_table: pgmigrations\n");
    project.three_migrations();
    testing::TestDatabase database;
    database.connect().execute(node_pg_migrate_ddl);
    auto result = project.run(
        {"baseline", "--url", database.conninfo(), "--to", first, "--from", "node-pg-migrate"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("driftless's own tracking table"));
}

TEST_CASE("baseline plans from a history without a server", "[unit][baseline]") {
    apply::MigrationSet files;
    files.directory = "migrations";
    for (const char* version : {"1", "2", "3"}) {
        apply::Migration migration;
        migration.version = version;
        migration.name = "m";
        migration.up_path = std::string("migrations/") + version + "_m.sql";
        migration.checksum = std::string(64, version[0]);
        files.migrations.push_back(migration);
    }
    apply::ForeignHistory history;
    history.tool = apply::HistoryTool::golang_migrate;
    history.table = "schema_migrations";
    history.applied.push_back({"2", "", "row version 2"});
    history.applied_through = "2";

    auto steps = apply::plan_baseline(files, "2", history, {});
    REQUIRE(steps.size() == 2);
    CHECK(steps[0].migration->version == "1");
    CHECK_FALSE(steps[0].adopted_version);

    // A row adopted without checksum is completed, not inserted again.
    apply::AppliedMigration adopted;
    adopted.version = "01";
    steps = apply::plan_baseline(files, "2", history, {adopted});
    REQUIRE(steps.size() == 2);
    CHECK(steps[0].adopted_version == std::optional<std::string>("01"));

    // A transaction:false file that stopped part-way is for apply to finish.
    apply::AppliedMigration partial;
    partial.version = "2";
    partial.checksum = files.migrations[1].checksum;
    partial.statements_done = 1;
    CHECK_THROWS_WITH(apply::plan_baseline(files, "2", history, {partial}),
                      Catch::Contains("stopped part-way"));

    CHECK_THROWS_AS(apply::plan_baseline(files, "1", history, {}), InputError);
    CHECK_THROWS_AS(apply::plan_baseline(files, "4", std::nullopt, {}), InputError);
    CHECK_THROWS_AS(apply::parse_history_table("a.b.c"), InputError);
    CHECK(apply::parse_history_table("Ops.\"PgMigrations\"").display() == "ops.PgMigrations");
    CHECK_THROWS_AS(apply::parse_history_tool("liquibase"), InputError);
}
