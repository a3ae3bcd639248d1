// The migration lock and the tracking table on a real server.
#include <catch2/catch.hpp>

#include "apply/migration_lock.hpp"
#include "apply/tracking_table.hpp"
#include "support/migration_project.hpp"
#include "support/test_server.hpp"
#include "util/error.hpp"

using namespace driftless;
using namespace std::chrono_literals;

TEST_CASE("a second run waits for the lock and names who holds it", "[pg][apply]") {
    testing::TestDatabase database;
    auto first = apply::acquire_advisory_lock(database.conninfo(), "public.schema_migrations");
    int holder_pid = 0;
    apply::LockOptions options;
    options.wait_timeout = 400ms;
    options.poll_interval = 50ms;
    options.on_wait = [&](const apply::LockHolder& holder) { holder_pid = holder.pid; };
    try {
        apply::acquire_advisory_lock(database.conninfo(), "public.schema_migrations", options);
        FAIL("the lock was taken twice");
    } catch (const FailureError& error) {
        CHECK_THAT(error.what(), Catch::Contains("holds the lock") && Catch::Contains("pid ") &&
                                     Catch::Contains("(driftless)") &&
                                     Catch::Contains("gave up after"));
    }
    CHECK(holder_pid > 0);
    // Another tracking table is another lock.
    CHECK(apply::acquire_advisory_lock(database.conninfo(), "app.other_migrations", options));
    first.reset();
    CHECK(apply::acquire_advisory_lock(database.conninfo(), "public.schema_migrations", options));
}

TEST_CASE("the tracking table is created, written and read in version order", "[pg][apply]") {
    testing::TestDatabase database;
    auto session = database.connect();
    apply::TrackingTable table("\"Ops\".migrations");
    table.ensure(session);
    table.ensure(session);  // idempotent
    session.execute(table.insert_statement({"10", "second", "abc", "", 12, "", std::nullopt, false}));
    session.execute(table.insert_statement({"9", "first's", "def", "", std::nullopt, "", std::nullopt, false}));
    auto applied = table.read(session);
    REQUIRE(applied.size() == 2);
    CHECK(applied[0].version == "9");
    CHECK(applied[0].name == "first's");
    CHECK(!applied[0].execution_ms);
    CHECK(applied[1].version == "10");
    CHECK(applied[1].execution_ms == 12);
    CHECK(!applied[1].applied_at.empty());
    CHECK(!applied[1].applied_by.empty());
    session.execute(table.delete_statement("9"));
    CHECK(table.read(session).size() == 1);
}

TEST_CASE("dbmate's schema_migrations is adopted in place", "[pg][apply]") {
    testing::TestDatabase database;
    auto session = database.connect();
    session.execute(
        "CREATE TABLE public.schema_migrations (version varchar(128) PRIMARY KEY);"
        "INSERT INTO public.schema_migrations VALUES ('20240101000000'), ('20240102000000')");
    apply::TrackingTable table("schema_migrations");
    table.ensure(session);
    auto applied = table.read(session);
    REQUIRE(applied.size() == 2);
    CHECK(applied[0].version == "20240101000000");
    CHECK(applied[0].checksum.empty());
    CHECK(database.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                          "'schema_migrations'") == "7");
}

TEST_CASE("golang-migrate's table is adopted: its one row stands for every older version",
          "[pg][apply]") {
    testing::MigrationProject project;
    project.migration("1_a.up.sql", "CREATE TABLE a ();\n");
    project.migration("2_b.up.sql", "CREATE TABLE b ();\n");
    project.migration("3_c.up.sql", "CREATE TABLE c ();\n");
    project.migration("3_c.down.sql", "DROP TABLE c;\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    auto session = database.connect();
    // What golang-migrate leaves after running 1 and 2 (its postgres driver's table).
    session.execute(
        "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT "
        "NULL); INSERT INTO schema_migrations VALUES (2, false); CREATE TABLE a (); CREATE TABLE "
        "b ()");
    auto status = project.run({"status", "--url", database.conninfo()});
    INFO(status.output);
    CHECK_THAT(status.output, Catch::Contains("1                    applied") &&
                                  Catch::Contains("3                    pending"));

    auto applied = project.run({"apply", "--url", database.conninfo()});
    INFO(applied.output);
    CHECK(applied.exit_code == 0);
    CHECK_THAT(applied.output, Catch::Contains("applied 3_c.up.sql") &&
                                   !Catch::Contains("applied 1_a.up.sql"));
    CHECK(database.scalar("SELECT string_agg(version || ':' || name || ':' || dirty, ',' ORDER BY "
                          "version) FROM schema_migrations") == "1:a:false,2:b:false,3:c:false");
    CHECK(project.run({"down", "--steps", "1", "--url", database.conninfo()}).exit_code == 0);
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'c'") == "0");

    SECTION("a version golang-migrate marked dirty stops every command") {
        session.execute("UPDATE schema_migrations SET dirty = true WHERE version = 2");
        auto refused = project.run({"apply", "--url", database.conninfo()});
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.output, Catch::Contains("golang-migrate marked version 2 dirty"));
        CHECK(project.run({"status", "--url", database.conninfo()}).exit_code == 2);
        CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'c'") == "0");
    }
}

TEST_CASE("a malformed tracking_table name is bad input", "[unit][apply]") {
    CHECK_THROWS_AS(apply::TrackingTable("a.b.c"), InputError);
    CHECK_THROWS_AS(apply::TrackingTable(""), InputError);
    CHECK(apply::TrackingTable("x").name().schema == "public");
}
