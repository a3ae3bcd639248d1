// `driftless apply`, `status` and `hash` on a real server, through the real binary.
#include <catch2/catch.hpp>

#include <future>

#include "support/cli.hpp"
#include "support/migration_project.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using testing::driftless_cli;

namespace {

using Project = testing::MigrationProject;

void two_migrations(const Project& project) {
    project.migration("20260101000000_users.sql",
                      "-- migrate:up\nCREATE TABLE users (id int PRIMARY KEY, email text);\n"
                      "INSERT INTO users VALUES (1, 'a@b');\n-- migrate:down\nDROP TABLE users;\n");
    project.migration(
        "20260102000000_users_email.sql",
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n"
        "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY users_email;\n");
}

}  // namespace

TEST_CASE("apply runs pending migrations once and records them", "[pg][apply][cli]") {
    Project project;
    two_migrations(project);
    testing::TestDatabase database;
    REQUIRE(project.run({"hash"}).exit_code == 0);

    auto dry = project.run({"apply", "--url", database.conninfo(), "--dry-run"});
    CHECK(dry.exit_code == 0);
    CHECK_THAT(dry.output, Catch::Contains("would apply 20260101000000_users.sql"));
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'users'") == "0");

    auto first = project.run({"apply", "--url", database.conninfo()});
    INFO(first.output);
    CHECK(first.exit_code == 0);
    CHECK_THAT(first.output, Catch::Contains("applied 20260102000000_users_email.sql"));
    CHECK(database.scalar("SELECT count(*) FROM users") == "1");
    CHECK(database.scalar(
              "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email'::regclass") == "t");
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations WHERE length(checksum) = 64") ==
          "2");

    auto second = project.run({"apply", "--url", database.conninfo()});
    CHECK(second.exit_code == 0);
    CHECK_THAT(second.output, Catch::Contains("nothing to apply"));
    auto status = project.run({"status", "--url", database.conninfo()});
    CHECK(status.exit_code == 0);
    CHECK_THAT(status.output, Catch::Contains("20260102000000       applied"));
}

TEST_CASE("a migration failing half-way leaves nothing behind and names file and line",
          "[pg][apply][cli]") {
    Project project;
    project.migration(
        "1_broken.sql",
        "-- migrate:up\nCREATE TABLE kept_only_if_all_ran (id int);\n\n"
        "ALTER TABLE kept_only_if_all_ran ADD COLUMN x int REFERENCES nowhere (id);\n");
    project.run({"hash"});
    testing::TestDatabase database;
    auto result = project.run({"apply", "--url", database.conninfo()});
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.output,
               Catch::Contains("1_broken.sql:4:1: relation \"nowhere\" does not exist"));
    CHECK(database.scalar(
              "SELECT count(*) FROM pg_tables WHERE tablename = 'kept_only_if_all_ran'") == "0");
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "0");
}

TEST_CASE("files that no longer match driftless.sum are refused before any database work",
          "[pg][apply][cli]") {
    Project project;
    two_migrations(project);
    project.run({"hash"});
    project.migration("20260101000000_users.sql",
                      "-- migrate:up\nCREATE TABLE users (id bigint);\n");
    testing::TestDatabase database;
    auto result = project.run({"apply", "--url", database.conninfo()});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output,
               Catch::Contains("20260101000000_users.sql") && Catch::Contains("driftless hash"));
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'") ==
          "0");
}

TEST_CASE("an applied file edited since is reported by status and stops apply",
          "[pg][apply][cli]") {
    Project project;
    two_migrations(project);
    project.run({"hash"});
    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo()}).exit_code == 0);
    project.migration("20260101000000_users.sql",
                      "-- migrate:up\nCREATE TABLE users (id bigint);\n");
    project.migration("20260103000000_more.sql", "-- migrate:up\nCREATE TABLE more (id int);\n");
    project.run({"hash"});  // a deliberate edit, but the database ran the old text
    auto status = project.run({"status", "--url", database.conninfo()});
    CHECK(status.exit_code == 1);
    CHECK_THAT(status.output,
               Catch::Contains("edited since applied") && Catch::Contains("pending"));
    auto apply = project.run({"apply", "--url", database.conninfo()});
    CHECK(apply.exit_code == 2);
    CHECK_THAT(apply.output, Catch::Contains("edited since they ran"));
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'more'") == "0");
}

TEST_CASE("eight concurrent apply processes apply every migration exactly once",
          "[pg][apply][cli]") {
    Project project;
    for (int i = 1; i <= 5; ++i) {
        project.migration(std::to_string(i) + "_step.sql",
                          "-- migrate:up\nCREATE TABLE step_" + std::to_string(i) +
                              " (id int);\nSELECT pg_sleep(0.05);\n");
    }
    project.run({"hash"});
    testing::TestDatabase database;
    std::vector<std::future<ProcessResult>> runs;
    for (int i = 0; i < 8; ++i) {
        runs.push_back(std::async(std::launch::async, [&] {
            return project.run({"apply", "--url", database.conninfo()});
        }));
    }
    for (auto& run : runs) {
        auto result = run.get();
        INFO(result.output);
        CHECK(result.exit_code == 0);
    }
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "5");
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'step\\_%'") == "5");
}

TEST_CASE("dbmate's history is adopted: applied versions are not run again", "[pg][apply][cli]") {
    Project project;
    two_migrations(project);
    project.run({"hash"});
    testing::TestDatabase database;
    database.connect().execute(
        "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
        "INSERT INTO schema_migrations VALUES ('20260101000000');"
        "CREATE TABLE users (id int PRIMARY KEY, email text);");
    auto result = project.run({"apply", "--url", database.conninfo()});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, !Catch::Contains("20260101000000_users.sql") &&
                                  Catch::Contains("applied 20260102000000_users_email.sql"));
}

TEST_CASE("down reverts newest first, then apply returns to the same state", "[pg][apply][cli]") {
    Project project;
    two_migrations(project);
    project.run({"hash"});
    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo()}).exit_code == 0);

    auto one = project.run({"down", "--url", database.conninfo(), "--steps", "1"});
    INFO(one.output);
    CHECK(one.exit_code == 0);
    CHECK_THAT(one.output, Catch::Contains("reverted 20260102000000_users_email.sql"));
    CHECK(database.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") ==
          "0");
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "1");

    auto all = project.run({"down", "--url", database.conninfo(), "--to", "0"});
    CHECK(all.exit_code == 0);
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'users'") == "0");
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "0");

    REQUIRE(project.run({"apply", "--url", database.conninfo()}).exit_code == 0);
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "2");
    CHECK(database.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") ==
          "1");

    auto missing = project.run({"down", "--url", database.conninfo()});
    CHECK(missing.exit_code == 2);
}

TEST_CASE("down refuses a migration without a down section before reverting anything",
          "[pg][apply][cli]") {
    Project project;
    project.migration("1_a.sql",
                      "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n");
    project.migration("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
    project.run({"hash"});
    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo()}).exit_code == 0);
    auto result = project.run({"down", "--url", database.conninfo(), "--steps", "2"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("2_b.sql: it has no down section") ||
                                  Catch::Contains("no down section"));
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "2");
}

TEST_CASE("an environment with confirm needs --yes without a terminal", "[pg][apply][cli]") {
    Project project;
    two_migrations(project);
    testing::TestDatabase database;
    ::setenv("DRIFTLESS_TEST_PROD_URL", database.conninfo().c_str(), 1);
    project.dir.write("driftless.yaml",
                      "migrations: migrations\nenvironments:\n  prod: { url: "
                      "\"${DRIFTLESS_TEST_PROD_URL}\", confirm: true }\n");
    project.run({"hash"});
    auto refused = project.run({"apply", "--env", "prod"});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.output, Catch::Contains("run with --yes"));
    // Nothing touched: not even the tracking table was created.
    CHECK(database.scalar("SELECT to_regclass('public.schema_migrations') IS NULL") == "t");
    auto confirmed = project.run({"apply", "--env", "prod", "--yes"});
    CHECK(confirmed.exit_code == 0);
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "2");
    auto unknown = project.run({"apply", "--env", "staging"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.output, Catch::Contains("unknown environment `staging` (known: prod)"));
}

TEST_CASE("apply --backup archives the database first, and nothing is applied when it fails",
          "[pg][apply][cli]") {
    Project project;
    project.migration("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
    project.run({"hash"});
    testing::TestDatabase database;
    database.connect().execute("CREATE TABLE before_backup (id int)");

    auto failed = project.run({"apply", "--url", database.conninfo(), "--backup",
                               (project.dir.path() / "no/such/dir/backup.dump").string()});
    CHECK(failed.exit_code == 3);
    CHECK_THAT(failed.output, Catch::Contains("pg_dump failed, nothing applied"));
    CHECK(database.scalar("SELECT to_regclass('a') IS NULL") == "t");
    CHECK(database.scalar("SELECT to_regclass('schema_migrations') IS NULL") == "t");

    auto archive = project.dir.path() / "backup.dump";
    auto result = project.run({"apply", "--url", database.conninfo(), "--backup", archive.string()});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("backed up to"));
    auto listing = run_process({std::string(DRIFTLESS_PG_BINDIR) + "/pg_restore", "-l",
                                archive.string()});
    CHECK(listing.exit_code == 0);
    CHECK_THAT(listing.output, Catch::Contains("TABLE public before_backup") &&
                                   !Catch::Contains("TABLE public a "));
    // An existing file is never overwritten.
    auto again = project.run({"apply", "--url", database.conninfo(), "--backup", archive.string()});
    CHECK(again.exit_code == 0);  // nothing pending: no backup taken, nothing to refuse
    project.migration("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
    project.run({"hash"});
    auto exists = project.run({"apply", "--url", database.conninfo(), "--backup", archive.string()});
    CHECK(exists.exit_code == 2);
    CHECK_THAT(exists.output, Catch::Contains("the file exists"));
}
