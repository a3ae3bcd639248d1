// generate's cache (cli/replay_cache.hpp) through the real binary: an unchanged pair of
// folders is answered without replaying anything, a history that grew replays only its new
// files, and the answers are the same as without the cache.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "support/migration_project.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

struct CacheProject : testing::SchemaProject {
    std::size_t migration_count() const { return migration_files().size(); }
    ProcessResult generate(const std::string& name) const {
        auto result = run({"generate", name});
        INFO(result.output);
        REQUIRE(result.exit_code == 0);
        return result;
    }
};

// The cache is shared by every test run on this machine and keyed by content: a comment
// unique to this run keeps earlier runs' replays out of the way.
const std::string v1 = "CREATE TABLE items (id int PRIMARY KEY);\nCOMMENT ON TABLE items IS '" +
                       std::to_string(::getpid()) + "-" +
                       std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) +
                       "';\n";
const std::string v2 = v1 + "CREATE TABLE tags (id int PRIMARY KEY, item int REFERENCES items);\n";
const std::string v3 = v2 + "CREATE VIEW item_tags AS SELECT i.id, t.id AS tag FROM items i JOIN tags t ON t.item = i.id;\n";

}  // namespace

TEST_CASE("generate: unchanged folders need no replay, a grown history replays only new files",
          "[pg][diff][cli]") {
    CacheProject project;
    project.schema(v1);
    CHECK_THAT(project.generate("init").output, Catch::Contains("replayed 0 migration file(s)"));
    REQUIRE(project.migration_count() == 1);

    // Nothing changed since the generate that wrote the file: no server, no replay.
    auto unchanged = project.generate("again");
    CHECK_THAT(unchanged.output, Catch::Contains("no changes") &&
                                     Catch::Contains("unchanged since the last generate") &&
                                     !Catch::Contains("replayed"));

    project.schema(v2);
    CHECK_THAT(project.generate("tags").output, Catch::Contains("replayed 1 migration file(s)\n"));
    REQUIRE(project.migration_count() == 2);

    // The replay of the first file was kept: only the second is replayed.
    project.schema(v3);
    auto third = project.generate("view");
    CHECK_THAT(third.output, Catch::Contains("replayed 1 migration file(s) on top of 1 from the cache"));
    REQUIRE(project.migration_count() == 3);

    // The schema files' bytes are part of the verdict: a comment added means a real check,
    // which starts from the cached replay of the first two files.
    project.schema(v3 + "-- a comment\n");
    auto commented = project.generate("comment");
    CHECK_THAT(commented.output, Catch::Contains("on top of 2 from the cache") &&
                                     Catch::Contains("no changes"));
    CHECK(project.migration_count() == 3);

    // Without the cache everything is replayed, with the same answer.
    ::setenv("DRIFTLESS_NO_CACHE", "1", 1);
    auto uncached = project.run({"generate", "uncached"});
    ::unsetenv("DRIFTLESS_NO_CACHE");
    INFO(uncached.output);
    CHECK(uncached.exit_code == 0);
    CHECK_THAT(uncached.output, Catch::Contains("replayed 3 migration file(s)\n") &&
                                    Catch::Contains("no changes"));

    // An edited migration is refused whatever the cache holds.
    project.dir.write("migrations/extra.sql", "-- not in driftless.sum\n");
    auto edited = project.run({"generate", "edited"});
    CHECK(edited.exit_code == 2);
}
