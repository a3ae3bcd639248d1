// `driftless check` as users run it: the real binary, its output and its exit codes.
#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>
#include "support/cli.hpp"
#include "support/test_server.hpp"

#include "util/process.hpp"

using namespace driftless;
using testing::driftless_cli;

TEST_CASE("check says OK with counts per kind", "[pg][cli]") {
    testing::TempDir dir;
    dir.write("schema/b.sql", "CREATE VIEW app.names AS SELECT name FROM app.people;\n");
    dir.write("schema/a.sql",
              "CREATE SCHEMA app;\nCREATE TABLE app.people (id int PRIMARY KEY, name text);\n");
    auto result = driftless_cli({"check", "--schema", (dir.path() / "schema").string()});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::StartsWith("OK: ") &&
                                  Catch::Contains("3 statements from 2 files") &&
                                  Catch::Contains("1 tables") && Catch::Contains("1 views") &&
                                  Catch::Contains("1 schemas"));
}

TEST_CASE("check reports every error of every file and exits 2", "[pg][cli]") {
    testing::TempDir dir;
    dir.write("schema/users.sql", "\n\n\nCREATE TABEL users (id int);\n");
    dir.write("schema/orders.sql", "CREATE TABLE orders (id int);\nDELETE FROM orders;\n");
    auto result = driftless_cli({"check", "--schema", (dir.path() / "schema").string()});
    INFO(result.output);
    CHECK(result.exit_code == 2);
    std::string users = (dir.path() / "schema/users.sql").string();
    std::string orders = (dir.path() / "schema/orders.sql").string();
    CHECK_THAT(result.output, Catch::Contains(users + ":4:8: syntax error at or near \"TABEL\""));
    CHECK_THAT(result.output,
               Catch::Contains(orders + ":2:1: DELETE FROM: data statements are not allowed"));
}

TEST_CASE("check --format json is a stable shape", "[pg][cli]") {
    testing::TempDir dir;
    dir.write("s.sql", "CREATE TABLE t (id int);\nCREATE TABLE u (id int REFERENCES nowhere);\n");
    auto failed =
        driftless_cli({"check", "--schema", (dir.path() / "s.sql").string(), "--format", "json"});
    CHECK(failed.exit_code == 2);
    auto json = nlohmann::json::parse(failed.output);
    CHECK(json["ok"] == false);
    REQUIRE(json["errors"].size() == 1);
    CHECK(json["errors"][0]["line"] == 2);
    CHECK(json["errors"][0]["column"] == 1);  // PostgreSQL gives no position for this error
    CHECK(json["errors"][0]["message"] == "relation \"nowhere\" does not exist");

    dir.write("s.sql", "CREATE TABLE t (id int);\n");
    auto passed =
        driftless_cli({"check", "--schema", (dir.path() / "s.sql").string(), "--format", "json"});
    CHECK(passed.exit_code == 0);
    json = nlohmann::json::parse(passed.output);
    CHECK(json["ok"] == true);
    CHECK(json["objects"]["tables"] == 1);
    CHECK(json["statements"] == 1);
}

TEST_CASE("check reads schema and dev_url from driftless.yaml", "[pg][cli]") {
    testing::TempDir dir;
    dir.write("db/tables.sql", "CREATE TABLE t (id int);\n");
    // dev_url points at the tests' own server: scratch databases are made and dropped there.
    auto admin = testing::test_server().create_database();
    dir.write("driftless.yaml", "schema: db\ndev_url: \"" + admin->conninfo() + "\"\n");
    auto count_scratch = [&] {
        db::Session session(admin->conninfo());
        return session
            .query(
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'driftless_scratch_%'")[0][0]
            .value();
    };
    std::string before = count_scratch();
    auto result = driftless_cli({"check", "--config", (dir.path() / "driftless.yaml").string()});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("1 tables"));
    CHECK(count_scratch() == before);  // its scratch database was dropped again
}

TEST_CASE("bad input is exit 2 with a clear message", "[cli]") {
    testing::TempDir dir;
    auto missing = driftless_cli({"check", "--schema", (dir.path() / "nope").string()});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("no such file or directory"));

    dir.write("driftless.yaml", "schema: db\nschemas: typo\n");
    auto typo = driftless_cli({"check", "--config", (dir.path() / "driftless.yaml").string()});
    CHECK(typo.exit_code == 2);
    CHECK_THAT(typo.output, Catch::Contains("driftless.yaml:2:1: unknown key `schemas`"));

    dir.write("driftless.yaml", "schema: [unclosed\n");
    auto yaml = driftless_cli({"check", "--config", (dir.path() / "driftless.yaml").string()});
    CHECK(yaml.exit_code == 2);
    CHECK_THAT(yaml.output, Catch::Contains("driftless.yaml:"));

    auto unknown = driftless_cli({"frobnicate"});
    CHECK(unknown.exit_code == 2);
}

TEST_CASE("version and help output", "[cli]") {
    auto version = driftless_cli({"--version"});
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.output, Catch::StartsWith("driftless "));
    auto help = driftless_cli({"check", "--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.output, Catch::Contains("--schema"));
}

TEST_CASE("an unreachable dev_url is exit 3 and never shows the password", "[cli]") {
    testing::TempDir dir;
    dir.write("s.sql", "CREATE TABLE t (id int);\n");
    dir.write("driftless.yaml", "dev_url: postgresql://alice:s3cret-pw@127.0.0.1:1/devdb\n");
    auto result = driftless_cli({"check", "--config", (dir.path() / "driftless.yaml").string(),
                                 "--schema", (dir.path() / "s.sql").string()});
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.output, Catch::Contains("cannot connect to alice@127.0.0.1:1/devdb"));
    CHECK_THAT(result.output, !Catch::Contains("s3cret-pw"));
}
