// Scratch databases, for real: on the embedded server started on first use, and on a dev_url
// server, where they are dropped however their scope ends. Every test uses its own cache root
// under /tmp, so parallel ctest runs never see each other's run directories.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "db/session.hpp"
#include "pg/scratch_test_support.hpp"
#include "scratch/embedded_server.hpp"
#include "scratch/scratch_database.hpp"

using namespace driftless;
using namespace driftless::testing::scratch_support;
namespace fs = std::filesystem;

TEST_CASE("a scratch server on the embedded server starts it on first use", "[pg][scratch]") {
    ServerRootDir dir;
    fs::path run_dir;
    {
        scratch::ScratchServer scratch({"", {dir.root()}});
        CHECK(scratch.uses_embedded_server());
        CHECK(scratch.embedded() == nullptr);
        CHECK_FALSE(fs::exists(dir.root() / "runs"));
        auto first = scratch.create_database();
        auto second = scratch.create_database();
        REQUIRE(scratch.embedded() != nullptr);
        run_dir = scratch.embedded()->run_directory();
        CHECK(first->name().starts_with("driftless_scratch_"));
        CHECK(first->name() != second->name());
        CHECK(scalar(first->conninfo(), "SELECT current_database()") == first->name());
        std::string admin = scratch.embedded()->conninfo("postgres");
        std::string first_name = first->name();
        CHECK(database_exists(admin, first_name));
        first.reset();
        CHECK_FALSE(database_exists(admin, first_name));
        CHECK(database_exists(admin, second->name()));
    }
    CHECK_FALSE(fs::exists(run_dir));
}

TEST_CASE("scratch databases on a dev_url server are dropped afterwards", "[pg][scratch]") {
    ServerRootDir dir;
    scratch::EmbeddedServer dev({dir.root()});
    const std::string admin = dev.conninfo("postgres");
    scratch::ScratchServer scratch({admin, {}});
    CHECK_FALSE(scratch.uses_embedded_server());
    // One server for every case below: sections would start a new one each.

    INFO("when the database goes out of scope");
    std::string name;
    {
        auto database = scratch.create_database();
        name = database->name();
        CHECK(name.starts_with("driftless_scratch_"));
        CHECK(database_exists(admin, name));
        // The database is usable through its own conninfo, on the dev server.
        db::Session(database->conninfo()).execute("CREATE TABLE t (id int)");
        CHECK(scalar(database->conninfo(), "SELECT current_database()") == name);
        CHECK(scalar(database->conninfo(), "SHOW unix_socket_directories") ==
              dev.run_directory().string());
        CHECK(scalar(database->conninfo(), "SELECT count(*) FROM t") == "0");
    }
    CHECK_FALSE(database_exists(admin, name));
    // The scratch server made no embedded server of its own.
    CHECK(scratch.embedded() == nullptr);
    CHECK(run_entries(dir.root()).size() == 1);

    INFO("when an exception unwinds through it");
    name.clear();
    try {
        auto database = scratch.create_database();
        name = database->name();
        REQUIRE(database_exists(admin, name));
        throw std::runtime_error("the command failed");
    } catch (const std::runtime_error& error) {
        CHECK(std::string(error.what()) == "the command failed");
    }
    REQUIRE_FALSE(name.empty());
    CHECK_FALSE(database_exists(admin, name));

    INFO("even while a session is still connected to it");
    {
        auto database = scratch.create_database();
        name = database->name();
        db::Session left_open(database->conninfo());
        database.reset();
        CHECK_FALSE(database_exists(admin, name));
    }

    INFO("when dropped early, once");
    {
        auto database = scratch.create_database();
        name = database->name();
        database->drop();
        CHECK_FALSE(database_exists(admin, name));
        // A database of the same name made afterwards is not the scratch database's to drop.
        db::Session(admin).execute("CREATE DATABASE \"" + name + "\"");
        database->drop();
        database.reset();
        CHECK(database_exists(admin, name));
    }

    INFO("each database has a name of its own");
    auto first = scratch.create_database();
    auto second = scratch.create_database();
    CHECK(first->name() != second->name());
    CHECK(database_exists(admin, first->name()));
    CHECK(database_exists(admin, second->name()));
}
