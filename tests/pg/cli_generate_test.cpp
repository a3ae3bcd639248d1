// `driftless generate`, `plan`, `push` and `diff --check` through the real binary, the way a
// new user tries them: edit schema/, generate, read the file, apply it, check for drift.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/migration_project.hpp"
#include "support/test_server.hpp"
#include "util/process.hpp"

using namespace driftless;
namespace fs = std::filesystem;

using testing::SchemaProject;

namespace {

const std::string first_schema =
    "CREATE SCHEMA app;\n"
    "CREATE TABLE app.users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);\n";

}  // namespace

TEST_CASE("generate writes a verified migration, then nothing while the schema is unchanged",
          "[pg][diff][cli]") {
    SchemaProject project;
    project.schema(first_schema);
    auto first = project.run({"generate", "init"});
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    auto files = project.migration_files();
    REQUIRE(files.size() == 1);
    CHECK_THAT(files[0].filename().string(), Catch::Matches("[0-9]{14}_init\\.sql"));
    auto text = project.text(files[0]);
    CHECK_THAT(text, Catch::Contains("-- migrate:up\nCREATE SCHEMA app;") &&
                         Catch::Contains("-- migrate:down\n") && Catch::Contains("DROP SCHEMA app;"));
    CHECK(fs::exists(project.dir.path() / "migrations" / "driftless.sum"));

    auto again = project.run({"generate", "again"});
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.output, Catch::Contains("no changes"));
    CHECK(project.migration_files().size() == 1);

    testing::TestDatabase database;
    REQUIRE(project.run({"apply", "--url", database.conninfo()}).exit_code == 0);
    auto clean = project.run({"diff", "--from", project.schema_dir(), "--to", database.conninfo(), "--check"});
    INFO(clean.output);
    CHECK(clean.exit_code == 0);

    SECTION("a column and an index on an existing table: two files, the index built concurrently") {
        project.schema(first_schema + "ALTER TABLE app.users ADD COLUMN name text;\n"
                                      "CREATE INDEX users_email_idx ON app.users (email);\n");
        auto drift = project.run({"diff", "--from", database.conninfo(), "--to", project.schema_dir(), "--check"});
        CHECK(drift.exit_code == 1);
        CHECK_THAT(drift.output, Catch::Contains("+ column app.users.name") &&
                                     Catch::Contains("+ index users_email_idx on app.users"));
        auto second = project.run({"generate", "users_name"});
        INFO(second.output);
        REQUIRE(second.exit_code == 0);
        files = project.migration_files();
        REQUIRE(files.size() == 3);
        CHECK_THAT(project.text(files[1]), Catch::Contains("-- migrate:up\nALTER TABLE app.users ADD COLUMN name text;"));
        CHECK_THAT(project.text(files[2]),
                   Catch::Contains("-- hazards: INDEX_BUILD") &&
                       Catch::Contains("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY IF "
                                       "NOT EXISTS users_email_idx ON app.users USING btree (email);"));
        REQUIRE(project.run({"apply", "--url", database.conninfo()}).exit_code == 0);
        CHECK(project.run({"diff", "--from", project.schema_dir(), "--to", database.conninfo(), "--check"}).exit_code == 0);
        CHECK(project.run({"down", "--steps", "2", "--url", database.conninfo()}).exit_code == 0);
        CHECK(database.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'app.users'::regclass "
                              "AND attname = 'name'") == "0");
    }
    SECTION("dropping a table is refused without --allow-destructive") {
        project.schema("CREATE SCHEMA app;\n");
        auto refused = project.run({"generate", "drop_users"});
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.output, Catch::Contains("delete data") && Catch::Contains("- table app.users"));
        CHECK(project.migration_files().size() == 1);
        auto dry = project.run({"generate", "drop_users", "--allow-destructive", "--dry-run"});
        CHECK(dry.exit_code == 0);
        CHECK_THAT(dry.output, Catch::Contains("DROP TABLE app.users;") && Catch::Contains("-- hazards: DELETES_DATA"));
        CHECK(project.migration_files().size() == 1);
    }
}

TEST_CASE("plan prints runnable SQL, a review summary or JSON, and push applies it",
          "[pg][diff][cli]") {
    SchemaProject project;
    project.schema(first_schema + "CREATE INDEX users_email_idx ON app.users (email);\n");
    testing::TestDatabase database;
    database.connect().execute(first_schema);

    auto text = project.run({"plan", "--url", database.conninfo()});
    CHECK(text.exit_code == 0);
    CHECK(text.output == "+ index users_email_idx on app.users  [INDEX_BUILD]\n");
    auto json = project.run({"plan", "--url", database.conninfo(), "--format", "json"});
    auto parsed = nlohmann::json::parse(json.output);
    CHECK(parsed["hazards"] == nlohmann::json::array({"INDEX_BUILD"}));
    CHECK(parsed["changes"][0]["steps"][0]["transactional"] == false);

    auto sql = project.run({"plan", "--url", database.conninfo(), "--format", "sql"});
    REQUIRE(sql.exit_code == 0);
    auto file = project.dir.write("plan.sql", sql.output);
    auto psql = run_process({std::string(DRIFTLESS_PG_BINDIR) + "/psql", "-X", "-q", "-v",
                             "ON_ERROR_STOP=1", "-d", database.conninfo(), "-f", file.string()});
    INFO(psql.output);
    CHECK(psql.exit_code == 0);
    CHECK(project.run({"diff", "--from", database.conninfo(), "--to", project.schema_dir(), "--check"}).exit_code == 0);

    project.schema(first_schema + "CREATE INDEX users_email_idx ON app.users (email);\n"
                                  "COMMENT ON TABLE app.users IS 'people';\n");
    auto push = project.run({"push", "--url", database.conninfo()});
    INFO(push.output);
    CHECK(push.exit_code == 0);
    CHECK(database.scalar("SELECT obj_description('app.users'::regclass)") == "people");
    auto json_diff = project.run({"diff", "--from", database.conninfo(), "--to", project.schema_dir(), "--format", "json"});
    CHECK(nlohmann::json::parse(json_diff.output)["equal"] == true);
}
