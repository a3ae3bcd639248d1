#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_server.hpp"
#include "util/error.hpp"
#include "util/file_tree.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

std::string content_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("write_file_tree refuses a non-empty directory without force", "[unit][inspect]") {
    testing::TempDir dir;
    dir.write("keep.txt", "mine");
    CHECK_THROWS_AS(write_file_tree(dir.path(), {{"a.sql", "x"}}, false), InputError);
    CHECK_FALSE(fs::exists(dir.path() / "a.sql"));
}

TEST_CASE(
    "write_file_tree with force: changed files rewritten, unchanged ones untouched, "
    "stale .sql files removed, other files kept",
    "[unit][inspect]") {
    testing::TempDir dir;
    auto same = dir.write("s/tables/same.sql", "CREATE TABLE same ();\n");
    auto changed = dir.write("s/tables/changed.sql", "CREATE TABLE changed (a int);\n");
    auto resized = dir.write("s/tables/resized.sql", "CREATE TABLE resized (a int);\n");
    auto stale = dir.write("s/tables/gone.sql", "CREATE TABLE gone ();\n");
    auto notes = dir.write("README.md", "not ours");
    auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
    fs::last_write_time(same, long_ago);

    std::size_t count =
        write_file_tree(dir.path(),
                        {{"s/tables/same.sql", "CREATE TABLE same ();\n"},
                         // same size, other bytes
                         {"s/tables/changed.sql", "CREATE TABLE changed (b int);\n"},
                         {"s/tables/resized.sql", "CREATE TABLE resized ();\n"},
                         {"s/views/new.sql", "CREATE VIEW v AS SELECT 1;\n"}},
                        true);
    CHECK(count == 4);
    CHECK(fs::last_write_time(same) == long_ago);
    CHECK(content_of(same) == "CREATE TABLE same ();\n");
    CHECK(content_of(changed) == "CREATE TABLE changed (b int);\n");
    CHECK(content_of(resized) == "CREATE TABLE resized ();\n");
    CHECK(content_of(dir.path() / "s/views/new.sql") == "CREATE VIEW v AS SELECT 1;\n");
    CHECK_FALSE(fs::exists(stale));
    CHECK(content_of(notes) == "not ours");
}
