// The engine on failures it must survive: a `transaction:false` file that failed part-way
// resumes at the failed statement and rebuilds the INVALID index the failure left; timeouts
// apply per statement (longer for index builds); lock timeouts are retried, then reported.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "support/migration_project.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using Project = testing::MigrationProject;

TEST_CASE("a failed transaction:false file resumes at the failed statement", "[pg][apply]") {
    Project project;
    project.migration("1_t.sql",
                      "-- migrate:up\nCREATE TABLE t (a int, b int);\n"
                      "INSERT INTO t VALUES (1, 1), (2, 1);\n-- migrate:down\nDROP TABLE t;\n");
    project.migration("2_indexes.sql",
                      "-- migrate:up transaction:false\n"
                      "CREATE TABLE t2 (x int);\n"
                      "CREATE INDEX CONCURRENTLY t_a ON t (a);\n"
                      "CREATE UNIQUE INDEX CONCURRENTLY t_b ON t (b);\n"
                      "-- migrate:down transaction:false\n"
                      "DROP INDEX CONCURRENTLY t_b;\nDROP INDEX CONCURRENTLY t_a;\nDROP TABLE t2;\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;

    auto failed = project.run({"apply", "--url", database.conninfo()});
    INFO(failed.output);
    CHECK(failed.exit_code == 3);
    CHECK_THAT(failed.output, Catch::Contains("2_indexes.sql:4:1") &&
                                  Catch::Contains("could not create unique index"));
    CHECK(database.scalar("SELECT statements_done FROM schema_migrations WHERE version = '2'") ==
          "2");
    CHECK(database.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_b'::regclass") ==
          "f");
    auto status = project.run({"status", "--url", database.conninfo()});
    CHECK(status.exit_code == 1);
    CHECK_THAT(status.output, Catch::Contains("partially applied (2 of 3)"));

    // The cause is fixed; the next run starts at statement 3 (statement 1 would fail: t2
    // exists) and replaces the INVALID leftover.
    database.connect().execute("DELETE FROM t WHERE a = 2");
    auto resumed = project.run({"apply", "--url", database.conninfo()});
    INFO(resumed.output);
    CHECK(resumed.exit_code == 0);
    CHECK_THAT(resumed.output, Catch::Contains("resuming 2_indexes.sql at statement 3 of 3") &&
                                   Catch::Contains("dropping INVALID index public.t_b"));
    CHECK(database.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_b'::regclass") ==
          "t");
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations WHERE statements_done IS NULL "
                          "AND length(checksum) = 64") == "2");
    CHECK(project.run({"status", "--url", database.conninfo()}).exit_code == 0);
    // A partially applied file is never reverted half-blind: `down` works once it is whole.
    CHECK(project.run({"down", "--steps", "2", "--url", database.conninfo()}).exit_code == 0);
    CHECK(database.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('t', 't2', 't_a')") ==
          "0");
}

TEST_CASE("an index a killed run built before recording it is not built twice", "[pg][apply]") {
    Project project;
    project.migration("1_t.sql", "-- migrate:up\nCREATE TABLE t (a int);\n");
    project.migration("2_index.sql",
                      "-- migrate:up transaction:false\nCREATE TABLE t2 (x int);\n"
                      "CREATE INDEX CONCURRENTLY t_a ON t (a);\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo(), "--to", "1"}).exit_code == 0);
    // What a run killed right after the build leaves: statement 1 recorded, the index valid.
    auto session = database.connect();
    session.execute("CREATE TABLE t2 (x int)");
    session.execute("CREATE INDEX t_a ON t (a)");
    session.execute(
        "INSERT INTO schema_migrations (version, name, checksum, statements_done) "
        "SELECT '2', 'index', checksum, 1 FROM (SELECT '' AS checksum) c");
    auto resumed = project.run({"apply", "--url", database.conninfo()});
    INFO(resumed.output);
    CHECK(resumed.exit_code == 0);
    CHECK_THAT(resumed.output, Catch::Contains("index public.t_a is already built"));
    CHECK(database.scalar("SELECT statements_done IS NULL FROM schema_migrations "
                          "WHERE version = '2'") == "t");
}

TEST_CASE("statement_timeout applies per statement, longer for index builds", "[pg][apply]") {
    Project project(
        "statement_timeout: 300ms\nlong_statement_timeout: 20s\nlock_retries: 0\n");
    project.migration("1_slow_function.sql",
                      "-- migrate:up\nCREATE FUNCTION slow_identity(x int) RETURNS int "
                      "IMMUTABLE LANGUAGE sql AS 'SELECT x FROM pg_sleep(0.1)';\n"
                      "CREATE TABLE t (a int);\nINSERT INTO t SELECT generate_series(1, 6);\n");
    // About 0.6 s: over statement_timeout, well within long_statement_timeout.
    project.migration("2_slow_index.sql",
                      "-- migrate:up\nCREATE INDEX t_slow ON t (slow_identity(a));\n");
    project.migration("3_slow_query.sql", "-- migrate:up\nSELECT pg_sleep(0.6);\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    auto result = project.run({"apply", "--url", database.conninfo()});
    INFO(result.output);
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.output, Catch::Contains("applied 2_slow_index.sql") &&
                                  Catch::Contains("3_slow_query.sql:2:1") &&
                                  Catch::Contains("statement timeout"));
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "2");
}

TEST_CASE("durations in driftless.yaml are checked before anything runs", "[apply][cli]") {
    Project project("statement_timeout: 5 seconds\n");
    project.migration("1_a.sql", "-- migrate:up\nSELECT 1;\n");
    auto result = project.run({"hash"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("driftless.yaml:2:20") &&
                                  Catch::Contains("must be a duration"));
}

TEST_CASE("a lock timeout is retried with backoff, then reported", "[pg][apply]") {
    Project project("lock_timeout: 100ms\nlock_retries: 2\n");
    project.migration("1_t.sql", "-- migrate:up\nCREATE TABLE t (a int);\n");
    project.migration("2_add.sql", "-- migrate:up\nALTER TABLE t ADD COLUMN b int;\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo(), "--to", "1"}).exit_code == 0);

    SECTION("the lock stays taken: three attempts, then the error") {
        auto holder = database.connect();
        holder.execute("BEGIN");
        holder.execute("LOCK TABLE t IN ACCESS SHARE MODE");
        auto result = project.run({"apply", "--url", database.conninfo()});
        INFO(result.output);
        CHECK(result.exit_code == 3);
        CHECK_THAT(result.output, Catch::Contains("lock timeout at") &&
                                      Catch::Contains("2_add.sql:2 (attempt 2 of 3)") &&
                                      Catch::Contains("gave up after 3 attempts") &&
                                      Catch::Contains("lock timeout"));
        holder.execute("ROLLBACK");
        CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "1");
    }
    SECTION("the lock is released during the backoff: the retry succeeds") {
        auto holder = database.connect();
        holder.execute("BEGIN");
        holder.execute("LOCK TABLE t IN ACCESS SHARE MODE");
        std::thread release([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            holder.execute("ROLLBACK");
        });
        auto result = project.run({"apply", "--url", database.conninfo()});
        release.join();
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.output, Catch::Contains("(attempt 1 of 3)") &&
                                      Catch::Contains("applied 2_add.sql"));
        CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "2");
    }
}

TEST_CASE("a run killed during its first statement leaves a resumable record, built index kept",
          "[pg][apply]") {
    Project project;
    project.migration("1_t.sql", "-- migrate:up\nCREATE TABLE t (a int);\n");
    project.migration("2_index.sql",
                      "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n"
                      "CREATE TABLE t2 (x int);\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo(), "--to", "1"}).exit_code == 0);
    // Recorded as started (0 statements done), and the build finished before the kill.
    auto session = database.connect();
    session.execute("CREATE INDEX t_a ON t (a)");
    session.execute(
        "INSERT INTO schema_migrations (version, name, checksum, statements_done) "
        "VALUES ('2', 'index', '', 0)");
    auto resumed = project.run({"apply", "--url", database.conninfo()});
    INFO(resumed.output);
    CHECK(resumed.exit_code == 0);
    CHECK_THAT(resumed.output, Catch::Contains("resuming 2_index.sql at statement 1 of 2") &&
                                   Catch::Contains("index public.t_a is already built"));
    CHECK(database.scalar("SELECT to_regclass('t2') IS NOT NULL") == "t");
}
