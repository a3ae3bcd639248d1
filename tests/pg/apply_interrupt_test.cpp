// The real `driftless apply` interrupted: Ctrl-C cancels the running statement and nothing of
// its migration stays; 50 runs killed with SIGKILL at random moments always leave a tracking
// table that describes the schema, and a plain `apply` then completes.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <random>
#include <thread>

#include "db/session.hpp"
#include "support/child_process.hpp"
#include "support/migration_project.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::wait_until;

namespace {

std::vector<std::string> apply_command(const testing::MigrationProject& project,
                                       const testing::TestDatabase& database) {
    return {DRIFTLESS_BINARY, "apply", "--url", database.conninfo(), "--config", project.config()};
}

std::vector<std::string> test_env() {
    return {"DRIFTLESS_CACHE=" + testing::test_cache_root().parent_path().string()};
}

// Backends of a killed run finish their statement before they notice the client is gone;
// the checks wait for them.
bool no_driftless_backends(const testing::TestDatabase& database) {
    auto session = database.connect();
    return wait_until(
        [&] {
            return session
                       .query("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                              "current_database() AND pid <> pg_backend_pid() AND "
                              "application_name LIKE 'driftless%'")
                       .at(0)
                       .at(0) == std::optional<std::string>("0");
        },
        10s);
}

constexpr int tables = 6;
constexpr int index_files = 2;

// Transactional files creating tables m1..m6 (with rows, and a short sleep so kills land
// inside them), then transaction:false files building indexes on them concurrently.
void write_migrations(const testing::MigrationProject& project) {
    for (int i = 1; i <= tables; ++i) {
        project.migration(
            fmt::format("{}_m{}.sql", i, i),
            fmt::format("-- migrate:up\nCREATE TABLE m{0} (id int, v int);\n"
                        "INSERT INTO m{0} SELECT g, g % 97 FROM generate_series(1, 2000) g;\n"
                        "SELECT pg_sleep(0.01);\n-- migrate:down\nDROP TABLE m{0};\n",
                        i));
    }
    for (int f = 1; f <= index_files; ++f) {
        std::string up = "-- migrate:up transaction:false\n", down = "-- migrate:down transaction:false\n";
        for (int i = 1; i <= tables; ++i) {
            up += fmt::format("CREATE INDEX CONCURRENTLY m{0}_v{1} ON m{0} (v, id);\n", i, f);
            down += fmt::format("DROP INDEX CONCURRENTLY IF EXISTS m{}_v{};\n", i, f);
        }
        project.migration(fmt::format("{}_indexes{}.sql", tables + f, f), up + down);
    }
}

// The tracking table describes the schema: a table exists exactly when its file is recorded;
// an index file's first statements_done indexes exist and are valid, the one after may exist
// (its build ran, its record did not), the rest do not; a complete one has them all.
void check_tracking_matches_schema(const testing::TestDatabase& test_database) {
    // One connection for all the checks: connecting costs more than the queries.
    struct {
        db::Session session;
        std::string scalar(const std::string& sql) {
            auto rows = session.query(sql);
            return rows.empty() ? "" : rows.at(0).at(0).value_or("");
        }
    } database{test_database.connect()};
    // Killed before the tracking table was created: then nothing else may exist either.
    if (database.scalar("SELECT to_regclass('schema_migrations') IS NULL") == "t") {
        CHECK(database.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'm_%'") == "0");
        return;
    }
    for (int i = 1; i <= tables; ++i) {
        auto recorded = database.scalar(fmt::format(
            "SELECT count(*) FROM schema_migrations WHERE version = '{}'", i));
        auto exists = database.scalar(
            fmt::format("SELECT count(*) FROM pg_tables WHERE tablename = 'm{}'", i));
        INFO("table m" << i);
        CHECK(recorded == exists);
    }
    for (int f = 1; f <= index_files; ++f) {
        auto row = database.scalar(fmt::format(
            "SELECT coalesce(statements_done::text, 'complete') FROM schema_migrations "
            "WHERE version = '{}'",
            tables + f));
        int done = row == "complete" ? tables : row.empty() ? -1 : std::stoi(row);
        for (int i = 1; i <= tables; ++i) {
            auto state = database.scalar(fmt::format(
                "SELECT coalesce((SELECT indisvalid::text FROM pg_index WHERE indexrelid = "
                "to_regclass('m{}_v{}')), 'absent')",
                i, f));
            INFO("index m" << i << "_v" << f << " with the file's row at " << row);
            if (i <= done)
                CHECK(state == "true");
            else if (i == done + 1)
                CHECK(true);  // built or not, valid or INVALID: the next run sorts it out
            else
                CHECK(state == "absent");
        }
    }
}

}  // namespace

TEST_CASE("Ctrl-C cancels the running statement and rolls its migration back",
          "[pg][apply][interrupt]") {
    testing::MigrationProject project;
    project.migration("1_slow.sql",
                      "-- migrate:up\nCREATE TABLE half_done (id int);\nSELECT pg_sleep(60);\n");
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    testing::TempDir logs;
    ChildProcess child(apply_command(project, database), test_env(), logs.path() / "apply.log");
    REQUIRE(wait_until(
        [&] {
            return database.scalar("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                                   "'SELECT pg_sleep(60)%' AND state = 'active'") == "1";
        },
        20s));
    auto interrupted_at = std::chrono::steady_clock::now();
    ::kill(child.pid(), SIGINT);
    auto status = child.wait(10s);
    REQUIRE(status);
    CHECK(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 130);
    // Cancelled, not left sleeping for a minute on the server.
    CHECK(no_driftless_backends(database));
    CHECK(std::chrono::steady_clock::now() - interrupted_at < 10s);
    CHECK(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'") == "0");
    CHECK(database.scalar("SELECT count(*) FROM schema_migrations") == "0");
}

TEST_CASE("runs killed at random moments leave the tracking table true to the schema",
          "[pg][apply][interrupt]") {
    testing::MigrationProject project;
    write_migrations(project);
    REQUIRE(project.run({"hash"}).exit_code == 0);
    testing::TestDatabase database;
    testing::TempDir logs;

    // How long a whole run takes here, so the kills spread over all of it.
    auto started = std::chrono::steady_clock::now();
    REQUIRE(project.run({"apply", "--url", database.conninfo(), "-q"}).exit_code == 0);
    auto full_run = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    REQUIRE(project.run({"down", "--steps", "100", "--url", database.conninfo(), "-q"})
                .exit_code == 0);

    std::mt19937 random(20261124);
    std::uniform_int_distribution<long> moment(0, full_run.count() * 6 / 10);
    int completed_by_killed_runs = 0;
    for (int run = 1; run <= 50; ++run) {
        auto delay = std::chrono::milliseconds(moment(random));
        INFO("run " << run << " killed after " << delay.count() << " ms (a whole run: "
                    << full_run.count() << " ms)");
        {
            ChildProcess child(apply_command(project, database), test_env(),
                               logs.path() / "apply.log");
            std::this_thread::sleep_for(delay);
            ::kill(child.pid(), SIGKILL);
            child.wait(10s);
        }
        REQUIRE(no_driftless_backends(database));
        check_tracking_matches_schema(database);
        // Every tenth run: a plain apply completes from wherever the kills left it, and the
        // next rounds start again from nothing.
        if (run % 10 == 0) {
            auto finished = project.run({"apply", "--url", database.conninfo()});
            INFO(finished.output);
            REQUIRE(finished.exit_code == 0);
            check_tracking_matches_schema(database);
            CHECK(database.scalar("SELECT count(*) FROM schema_migrations WHERE statements_done "
                                  "IS NULL") == std::to_string(tables + index_files));
            CHECK(database.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
            if (finished.output.find("nothing to apply") != std::string::npos)
                ++completed_by_killed_runs;
            REQUIRE(project.run({"down", "--steps", "100", "--url", database.conninfo(), "-q"})
                        .exit_code == 0);
        }
    }
    // The kills landed while there was work left, not only after runs had finished.
    CHECK(completed_by_killed_runs < 5);
}
