#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "support/test_server.hpp"
#include "util/error.hpp"
#include "util/file_tree.hpp"

using namespace driftless;
namespace fs = std::filesystem;

using testing::read_text;

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
    auto grown = dir.write("s/tables/grown.sql", "CREATE TABLE grown ();\n");
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
                         // the new content starts with the old
                         {"s/tables/grown.sql", "CREATE TABLE grown ();\n-- more\n"},
                         {"s/views/new.sql", "CREATE VIEW v AS SELECT 1;\n"}},
                        true);
    CHECK(count == 5);
    CHECK(fs::last_write_time(same) == long_ago);
    CHECK(read_text(same) == "CREATE TABLE same ();\n");
    CHECK(read_text(changed) == "CREATE TABLE changed (b int);\n");
    CHECK(read_text(resized) == "CREATE TABLE resized ();\n");
    CHECK(read_text(grown) == "CREATE TABLE grown ();\n-- more\n");
    CHECK(read_text(dir.path() / "s/views/new.sql") == "CREATE VIEW v AS SELECT 1;\n");
    CHECK_FALSE(fs::exists(stale));
    CHECK(read_text(notes) == "not ours");
}

TEST_CASE("write_file_tree with force on a large tree (written on two threads)",
          "[unit][inspect]") {
    testing::TempDir dir;
    std::map<std::string, std::string> files;
    for (int i = 0; i < 1200; ++i)
        files[fmt::format("s/tables/t{:04}.sql", i)] = fmt::format("CREATE TABLE t{} ();\n", i);
    CHECK(write_file_tree(dir.path(), files, false) == 1200);
    auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
    for (int i = 0; i < 1200; ++i)
        fs::last_write_time(dir.path() / fmt::format("s/tables/t{:04}.sql", i), long_ago);

    // Every third file changes, every fifth goes away, a few are new.
    std::map<std::string, std::string> next;
    for (int i = 0; i < 1200; ++i) {
        if (i % 5 == 0) continue;
        next[fmt::format("s/tables/t{:04}.sql", i)] =
            i % 3 == 0 ? fmt::format("CREATE TABLE t{} (a int);\n", i)
                       : fmt::format("CREATE TABLE t{} ();\n", i);
    }
    for (int i = 0; i < 30; ++i)
        next[fmt::format("s/views/v{:02}.sql", i)] =
            fmt::format("CREATE VIEW v{} AS SELECT 1;\n", i);
    CHECK(write_file_tree(dir.path(), next, true) == next.size());

    for (int i = 0; i < 1200; ++i) {
        fs::path path = dir.path() / fmt::format("s/tables/t{:04}.sql", i);
        INFO(path.string());
        if (i % 5 == 0) {
            CHECK_FALSE(fs::exists(path));
        } else if (i % 3 == 0) {
            CHECK(read_text(path) == fmt::format("CREATE TABLE t{} (a int);\n", i));
        } else {
            CHECK(fs::last_write_time(path) == long_ago);
        }
    }
    CHECK(read_text(dir.path() / "s/views/v29.sql") == "CREATE VIEW v29 AS SELECT 1;\n");
}
