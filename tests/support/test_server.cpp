#include "support/test_server.hpp"

#include <unistd.h>

#include <fstream>
#include <iterator>

namespace driftless::testing {

namespace fs = std::filesystem;

fs::path test_cache_root() {
    return fs::temp_directory_path() / ("driftless-test-" + std::to_string(::getuid())) / "pg15";
}

scratch::ScratchServer& test_server() {
    static scratch::ScratchServer server(scratch::ScratchOptions{{}, {test_cache_root()}});
    return server;
}

TestDatabase::TestDatabase() : database_(test_server().create_database()) {}

std::string TestDatabase::scalar(const std::string& sql) const {
    db::Session session(conninfo());
    auto rows = session.query(sql);
    if (rows.empty() || rows[0].empty()) return "";
    return rows[0][0].value_or("");
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "driftless-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

fs::path TempDir::write(const std::string& relative, const std::string& text) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

}  // namespace driftless::testing
