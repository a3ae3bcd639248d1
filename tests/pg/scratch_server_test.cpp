// The embedded scratch server, for real: real postgres processes and real directories, from
// start to stop, side by side, and when it cannot start. Every test uses its own cache root
// under /tmp, so parallel ctest runs never see each other's run directories.
#include <catch2/catch.hpp>

#include <libpq-fe.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "db/session.hpp"
#include "pg/scratch_test_support.hpp"
#include "scratch/embedded_server.hpp"
#include "util/error.hpp"

using namespace driftless;
using namespace driftless::testing::scratch_support;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

pid_t parent_pid(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    char state = 0;
    long ppid = 0;
    fields >> state >> ppid;
    return static_cast<pid_t>(ppid);
}

std::string process_name(pid_t pid) {
    std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
    std::string argv0;
    std::getline(cmdline, argv0, '\0');
    return argv0;
}

}  // namespace

TEST_CASE("an embedded server runs PostgreSQL 15 on a unix socket only and without fsync",
          "[pg][scratch]") {
    ServerRootDir dir;
    scratch::EmbeddedServer server({dir.root()});
    const fs::path run_dir = server.run_directory();
    CHECK(run_dir.parent_path() == dir.root() / "runs");
    CHECK(fs::is_directory(run_dir / "data"));
    // A fresh root needs initdb once.
    CHECK(server.timings().created_template);
    CHECK(fs::is_directory(dir.root() / "template"));

    std::string admin = server.conninfo("postgres");
    CHECK(scalar(admin, "SELECT version()").starts_with("PostgreSQL 15."));
    CHECK(scalar(admin, "SHOW listen_addresses") == "");
    CHECK(scalar(admin, "SHOW fsync") == "off");
    CHECK(scalar(admin, "SHOW unix_socket_directories") == run_dir.string());
    CHECK(fs::exists(run_dir / ".s.PGSQL.5432"));
    CHECK(scalar(admin, "SELECT current_user") == "postgres");
    CHECK(scalar(admin, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user") ==
          "true");

    db::Session(admin).execute("CREATE DATABASE app");
    std::string app = server.conninfo("app");
    db::Session session(app);
    session.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
    session.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    auto rows =
        session.query("SELECT current_database(), string_agg(name, ',' ORDER BY id) FROM t");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "app");
    CHECK(rows[0][1] == "one,two");
}

TEST_CASE("a second server on a root reuses its template", "[pg][scratch]") {
    ServerRootDir dir;
    { scratch::EmbeddedServer first({dir.root()}); }
    scratch::EmbeddedServer second({dir.root()});
    CHECK_FALSE(second.timings().created_template);
    CHECK(scalar(second.conninfo("postgres"), "SELECT 1") == "1");
}

TEST_CASE("a destroyed embedded server leaves no directory and no postmaster", "[pg][scratch]") {
    ServerRootDir dir;
    fs::path run_dir;
    pid_t pid = 0;
    std::string admin;
    {
        scratch::EmbeddedServer server({dir.root()});
        run_dir = server.run_directory();
        admin = server.conninfo("postgres");
        pid = postmaster_pid(run_dir);
        REQUIRE(pid > 0);
        CHECK(process_runs(pid));
        CHECK(process_name(pid).find("postgres") != std::string::npos);
        // The pid file names the server we talk to: our backend is a child of that postmaster.
        pid_t backend = std::stoi(scalar(admin, "SELECT pg_backend_pid()"));
        CHECK(parent_pid(backend) == pid);
        CHECK(scalar(admin, "SHOW data_directory") == (run_dir / "data").string());
        CHECK(fs::exists(run_dir / "owner.lock"));
    }
    CHECK_FALSE(fs::exists(run_dir));
    CHECK_FALSE(process_runs(pid));
    CHECK(run_entries(dir.root()).empty());
    CHECK(PQping(admin.c_str()) == PQPING_NO_RESPONSE);
}

TEST_CASE("stopping an embedded server is idempotent", "[pg][scratch]") {
    ServerRootDir dir;
    scratch::EmbeddedServer server({dir.root()});
    fs::path run_dir = server.run_directory();
    pid_t pid = postmaster_pid(run_dir);
    REQUIRE(pid > 0);
    server.stop();
    CHECK_FALSE(fs::exists(run_dir));
    CHECK_FALSE(process_runs(pid));
    server.stop();  // and the destructor stops once more
    CHECK(run_entries(dir.root()).empty());
}

TEST_CASE("two embedded servers on one root run side by side", "[pg][scratch]") {
    ServerRootDir dir;
    std::optional<scratch::EmbeddedServer> first(std::in_place,
                                                 scratch::EmbeddedServerOptions{dir.root()});
    scratch::EmbeddedServer second({dir.root()});
    const fs::path first_dir = first->run_directory();
    REQUIRE(first_dir != second.run_directory());
    // Starting the second swept the root: the first, whose owner is alive, must survive that.
    CHECK(fs::exists(first_dir));
    CHECK(run_entries(dir.root()).size() == 2);
    CHECK(postmaster_pid(first_dir) != postmaster_pid(second.run_directory()));

    // Two separate clusters: a database made on one does not exist on the other.
    db::Session(first->conninfo("postgres")).execute("CREATE DATABASE only_first");
    CHECK(database_exists(first->conninfo("postgres"), "only_first"));
    CHECK_FALSE(database_exists(second.conninfo("postgres"), "only_first"));
    CHECK(scalar(first->conninfo("only_first"), "SELECT current_database()") == "only_first");

    // A sweep by anyone spares both.
    CHECK(scratch::EmbeddedServer::sweep_stale_runs(dir.root()) == 0);

    // Stopping one leaves the other running.
    pid_t first_pid = postmaster_pid(first_dir);
    first.reset();
    CHECK_FALSE(fs::exists(first_dir));
    CHECK_FALSE(process_runs(first_pid));
    CHECK(fs::exists(second.run_directory()));
    CHECK(scalar(second.conninfo("postgres"), "SELECT 42") == "42");
}

TEST_CASE("a root too deep for a unix socket path gets a socket directory in /tmp",
          "[pg][scratch]") {
    ServerRootDir dir;
    fs::path root = dir.path() / "a-directory-name-long-enough-to-push-the-socket-path" /
                    "beyond-its-limit" / "pg15";
    fs::path socket_dir;
    fs::path run_dir;
    {
        scratch::EmbeddedServer server({root});
        run_dir = server.run_directory();
        REQUIRE(run_dir.string().size() > 80);
        std::string admin = server.conninfo("postgres");
        socket_dir = scalar(admin, "SHOW unix_socket_directories");
        CHECK(socket_dir != run_dir);
        CHECK(socket_dir.parent_path() == fs::temp_directory_path());
        CHECK(fs::exists(socket_dir / ".s.PGSQL.5432"));
        // Recorded for the sweep of a killed run.
        CHECK(file_text(run_dir / "socket_dir") == socket_dir.string());
    }
    CHECK_FALSE(fs::exists(run_dir));
    CHECK_FALSE(fs::exists(socket_dir));
}

TEST_CASE("a server that cannot start is reported quickly and leaves no run directory",
          "[pg][scratch]") {
    ServerRootDir dir;
    { scratch::EmbeddedServer first({dir.root()}); }  // makes the template
    // Every later run copies the template: give it a setting postgres refuses.
    std::ofstream(dir.root() / "template" / "postgresql.conf", std::ios::app)
        << "shared_buffers = 'plenty'\n";

    scratch::EmbeddedServerOptions options{dir.root()};
    options.start_timeout = std::chrono::milliseconds(60000);
    auto started = std::chrono::steady_clock::now();
    std::string message;
    try {
        scratch::EmbeddedServer server(options);
        FAIL("the server started");
    } catch (const FailureError& error) {
        message = error.what();
    }
    // Known from the log at once, not after the start timeout.
    CHECK(std::chrono::steady_clock::now() - started < 20s);
    CHECK(message.find("failed to start") != std::string::npos);
    CHECK(message.find("shared_buffers") != std::string::npos);
    CHECK(run_entries(dir.root()).empty());
}
