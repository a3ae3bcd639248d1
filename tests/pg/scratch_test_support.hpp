#pragma once
// Shared by the scratch server tests: a temporary cache root the server may use, and what they
// look at from outside (run directories, postmaster pids, /proc, a query's single value).
#include <catch2/catch.hpp>

#include <sys/types.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "db/session.hpp"
#include "support/test_server.hpp"

namespace driftless::testing::scratch_support {

// A temporary directory the postgres user can reach: mkdtemp makes it 0700, and when the tests
// run as root the server runs as postgres, which must be able to search its way to the root.
class ServerRootDir {
  public:
    ServerRootDir() { std::filesystem::permissions(dir_.path(), std::filesystem::perms(0755)); }
    const std::filesystem::path& path() const { return dir_.path(); }
    // The cache root an EmbeddedServer is given directly.
    std::filesystem::path root() const { return dir_.path() / "pg15"; }
    testing::TempDir& dir() { return dir_; }

  private:
    testing::TempDir dir_;
};

inline std::string file_text(const std::filesystem::path& path) {
    return testing::read_text(path);
}

// The postmaster's pid, from the first line of postmaster.pid (0 when there is none).
inline pid_t postmaster_pid(const std::filesystem::path& run_dir) {
    std::ifstream pid_file(run_dir / "data" / "postmaster.pid");
    long pid = 0;
    if (!(pid_file >> pid)) return 0;
    return static_cast<pid_t>(pid);
}

// A stopped postmaster is not our child (pg_ctl daemonizes it), so it may linger as a zombie
// until init reaps it: gone or state Z both mean it no longer runs.
inline bool process_runs(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    auto paren = line.rfind(')');
    REQUIRE(paren != std::string::npos);
    REQUIRE(paren + 2 < line.size());
    return line[paren + 2] != 'Z';
}

// Entries of <root>/runs, hidden ones included.
inline std::vector<std::filesystem::path> run_entries(const std::filesystem::path& root) {
    std::vector<std::filesystem::path> entries;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(root / "runs", error))
        entries.push_back(entry.path());
    return entries;
}

inline std::string scalar(const std::string& conninfo, const std::string& sql) {
    db::Session session(conninfo);
    auto rows = session.query(sql);
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].size() == 1);
    return rows[0][0].value_or("<null>");
}

inline bool database_exists(const std::string& admin_conninfo, const std::string& name) {
    db::Session session(admin_conninfo);
    auto rows = session.query("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'");
    return rows.at(0).at(0).value_or("") == "1";
}

}  // namespace driftless::testing::scratch_support
