#pragma once
// The PostgreSQL server of a test process: the product's own embedded server (src/scratch),
// started on first use, with its template cached per user under the temp directory and its
// run directory removed when the process ends, whether tests passed or failed.
#include <filesystem>
#include <memory>
#include <string>

#include "db/session.hpp"
#include "scratch/scratch_database.hpp"

namespace driftless::testing {

scratch::ScratchServer& test_server();
std::filesystem::path test_cache_root();

// A fresh database for one test, dropped at the end of the test.
class TestDatabase {
  public:
    TestDatabase();
    const std::string& conninfo() const { return database_->conninfo(); }
    const std::string& name() const { return database_->name(); }
    db::Session connect() const { return db::Session(conninfo()); }
    // First column of the first row of a query, as text ("" for NULL).
    std::string scalar(const std::string& sql) const;

  private:
    std::unique_ptr<scratch::ScratchDatabase> database_;
};

// A file's whole content, byte for byte ("" when it cannot be read).
std::string read_text(const std::filesystem::path& path);

// A temporary directory removed at the end of the test.
class TempDir {
  public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path write(const std::string& relative, const std::string& text) const;

  private:
    std::filesystem::path path_;
};

}  // namespace driftless::testing
