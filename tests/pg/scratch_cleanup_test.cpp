// What the scratch server leaves behind, for real: run directories swept when their owner is
// dead, a real `driftless` binary killed or interrupted while it loads, and one that ends
// normally. Every test uses its own cache root under /tmp, so parallel ctest runs never see
// each other's run directories.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "pg/scratch_test_support.hpp"
#include "scratch/embedded_server.hpp"
#include "support/synthetic_schema.hpp"
#include "support/child_process.hpp"
#include "support/test_server.hpp"
#include "util/file_lock.hpp"

extern char** environ;

using namespace driftless;
using namespace driftless::testing::scratch_support;
using driftless::testing::ChildProcess;
using driftless::testing::wait_until;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Superuser connection to the embedded server of another process, found through its run
// directory: the socket lives there, or (deep roots) in the directory named by socket_dir.
std::string foreign_conninfo(const fs::path& run_dir) {
    std::string socket_dir = run_dir.string();
    if (fs::exists(run_dir / "socket_dir")) socket_dir = file_text(run_dir / "socket_dir");
    return db::build_conninfo(
        {{"host", socket_dir}, {"port", "5432"}, {"user", "postgres"}, {"dbname", "postgres"}});
}

// Tables loaded so far into the one scratch database on that server; nullopt while there is
// no such database or the server is not accepting connections.
std::optional<int> foreign_loaded_tables(const fs::path& run_dir) {
    std::string admin = foreign_conninfo(run_dir);
    if (PQping(admin.c_str()) != PQPING_OK) return std::nullopt;
    try {
        auto names = db::Session(admin).query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'driftless\\_scratch\\_%'");
        if (names.size() != 1) return std::nullopt;
        db::Session session(db::with_database(admin, names[0][0].value_or("")));
        auto rows = session.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'synth'");
        return std::stoi(rows.at(0).at(0).value_or("0"));
    } catch (const std::exception&) {
        return std::nullopt;  // starting, shutting down, or the database is just being created
    }
}

// `driftless check` on a generated schema big enough to take seconds to load, with
// DRIFTLESS_CACHE pointing at a temp root so its server's run directory is ours to watch.
class SpawnedCheck {
  public:
    explicit SpawnedCheck(ServerRootDir& dir)
        : cache_(dir.path() / "cache"),
          server_root_(cache_ / "pg15"),
          log_(dir.path() / "driftless.log") {
        // Shuffled, so the loader cannot take the statements in one pass: several seconds of work.
        testing::SyntheticOptions options;
        options.tables = 2000;
        dir.dir().write("schema/synthetic.sql", testing::as_script(testing::shuffled(
                                                    testing::synthetic_statements(options), 7)));
        // An empty configuration: no dev_url, whatever a driftless.yaml in the cwd may say.
        auto config = dir.dir().write("driftless.yaml", "");
        child_.emplace(
            std::vector<std::string>{DRIFTLESS_BINARY, "--config", config.string(), "-q", "check",
                                     "--schema", (dir.path() / "schema").string()},
            std::vector<std::string>{"DRIFTLESS_CACHE=" + cache_.string()}, log_);
    }
    SpawnedCheck(const SpawnedCheck&) = delete;
    SpawnedCheck& operator=(const SpawnedCheck&) = delete;
    ~SpawnedCheck() {
        child_.reset();
        // A server left by a failed test must not outlive the test process.
        scratch::EmbeddedServer::sweep_stale_runs(server_root_);
    }

    ChildProcess& process() { return *child_; }
    const fs::path& server_root() const { return server_root_; }
    std::string log() const { return file_text(log_); }

    // Waits until the child's server runs and the schema is being loaded into its scratch
    // database, so a signal lands while the command works. Returns the run directory.
    fs::path wait_for_loading() {
        fs::path run_dir;
        bool loading = wait_until(
            [&] {
                if (!child_->running())
                    FAIL("driftless ended before loading; its output:\n" << log());
                auto entries = run_entries(server_root_);
                if (entries.size() != 1 || entries[0].filename().string().starts_with("."))
                    return false;
                run_dir = entries[0];
                auto tables = foreign_loaded_tables(run_dir);
                return tables && *tables >= 20;
            },
            60s);
        INFO(log());
        REQUIRE(loading);
        REQUIRE(child_->running());
        return run_dir;
    }

  private:
    fs::path cache_;
    fs::path server_root_;
    fs::path log_;
    std::optional<ChildProcess> child_;
};

}  // namespace

TEST_CASE("sweep_stale_runs removes dead and abandoned run directories only", "[pg][scratch]") {
    ServerRootDir dir;
    fs::path runs = dir.root() / "runs";
    auto make_run = [&](const std::string& name) {
        fs::create_directories(runs / name / "data");
        return runs / name;
    };
    auto age = [](const fs::path& path, std::chrono::minutes minutes) {
        fs::last_write_time(path, fs::file_time_type::clock::now() - minutes);
    };

    // Dead owner: its lock file is free, whatever its age.
    fs::path dead = make_run("1-dead");
    std::ofstream(dead / "owner.lock").close();
    // ... and its socket directory elsewhere goes with it.
    fs::path dead_socket = dir.path() / "dead-socket";
    fs::create_directories(dead_socket);
    std::ofstream(dead / "socket_dir") << dead_socket.string();
    // Live owner: the lock is held (flock locks conflict across open files, even in one process).
    fs::path live = make_run("2-live");
    FileLock live_lock(live / "owner.lock", FileLock::Mode::wait);
    // Being created right now: hidden and young.
    fs::path young_hidden = make_run(".3-young");
    // No lock file yet but young: might be mid-creation.
    fs::path young_unlocked = make_run("4-young");
    // Abandoned long ago before the lock existed, hidden or not.
    fs::path old_hidden = make_run(".5-old");
    age(old_hidden, std::chrono::minutes(60));
    fs::path old_unlocked = make_run("6-old");
    age(old_unlocked, std::chrono::minutes(60));

    CHECK(scratch::EmbeddedServer::sweep_stale_runs(dir.root()) == 3);
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(dead_socket));
    CHECK(fs::exists(live));
    CHECK(fs::exists(young_hidden));
    CHECK(fs::exists(young_unlocked));
    CHECK_FALSE(fs::exists(old_hidden));
    CHECK_FALSE(fs::exists(old_unlocked));
    // Nothing left to sweep.
    CHECK(scratch::EmbeddedServer::sweep_stale_runs(dir.root()) == 0);
}

TEST_CASE("a new embedded server sweeps the run of a killed driftless process", "[pg][scratch]") {
    ServerRootDir dir;
    SpawnedCheck check(dir);
    fs::path stale_dir = check.wait_for_loading();
    pid_t stale_pid = postmaster_pid(stale_dir);
    REQUIRE(stale_pid > 0);

    ::kill(check.process().pid(), SIGKILL);
    auto status = check.process().wait(10s);
    REQUIRE(status);
    REQUIRE(WIFSIGNALED(*status));
    // Nobody cleaned up: the postmaster (daemonized by pg_ctl) outlives its owner.
    REQUIRE(fs::exists(stale_dir));
    REQUIRE(process_runs(stale_pid));

    scratch::EmbeddedServer server({check.server_root()});
    CHECK_FALSE(fs::exists(stale_dir));
    CHECK_FALSE(process_runs(stale_pid));
    auto entries = run_entries(check.server_root());
    REQUIRE(entries.size() == 1);
    CHECK(entries[0] == server.run_directory());
    CHECK(scalar(server.conninfo("postgres"), "SELECT 1") == "1");
}

TEST_CASE("sweep_stale_runs stops a killed process's server and spares a live one",
          "[pg][scratch]") {
    ServerRootDir dir;
    SpawnedCheck check(dir);
    fs::path stale_dir = check.wait_for_loading();
    // A live server in the same root, started while the other process is alive.
    scratch::EmbeddedServer live({check.server_root()});
    REQUIRE(fs::exists(stale_dir));
    pid_t stale_pid = postmaster_pid(stale_dir);
    REQUIRE(stale_pid > 0);

    ::kill(check.process().pid(), SIGKILL);
    REQUIRE(check.process().wait(10s));
    REQUIRE(process_runs(stale_pid));

    CHECK(scratch::EmbeddedServer::sweep_stale_runs(check.server_root()) == 1);
    CHECK_FALSE(fs::exists(stale_dir));
    CHECK_FALSE(process_runs(stale_pid));
    CHECK(fs::exists(live.run_directory()));
    CHECK(scalar(live.conninfo("postgres"), "SELECT 1") == "1");
    CHECK(scratch::EmbeddedServer::sweep_stale_runs(check.server_root()) == 0);
}

TEST_CASE("an interrupted driftless check stops its server and removes its run directory",
          "[pg][scratch]") {
    const int sig = GENERATE(SIGTERM, SIGINT, SIGHUP);
    INFO("signal " << sig);
    ServerRootDir dir;
    SpawnedCheck check(dir);
    fs::path run_dir = check.wait_for_loading();
    pid_t pid = postmaster_pid(run_dir);
    REQUIRE(pid > 0);

    REQUIRE(::kill(check.process().pid(), sig) == 0);
    auto status = check.process().wait(30s);
    INFO(check.log());
    REQUIRE(status);
    // Exited (not killed by the signal's default action): the watcher thread ran the cleanups.
    REQUIRE(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 128 + sig);
    CHECK_FALSE(process_runs(pid));
    CHECK_FALSE(fs::exists(run_dir));
    CHECK(run_entries(check.server_root()).empty());
    // The template survives for the next run.
    CHECK(fs::exists(check.server_root() / "template"));
}

TEST_CASE("an uninterrupted driftless check leaves no run directory behind", "[pg][scratch]") {
    ServerRootDir dir;
    dir.dir().write("small/schema.sql",
                    "CREATE TABLE a (id int PRIMARY KEY);\nCREATE INDEX a_idx ON a (id);\n");
    auto config = dir.dir().write("driftless.yaml", "");
    ChildProcess child({DRIFTLESS_BINARY, "--config", config.string(), "-q", "check", "--schema",
                        (dir.path() / "small").string()},
                       {"DRIFTLESS_CACHE=" + (dir.path() / "cache").string()},
                       dir.path() / "driftless.log");
    auto status = child.wait(60s);
    INFO(file_text(dir.path() / "driftless.log"));
    REQUIRE(status);
    REQUIRE(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 0);
    CHECK(fs::is_directory(dir.path() / "cache" / "pg15" / "template"));
    CHECK(run_entries(dir.path() / "cache" / "pg15").empty());
}
