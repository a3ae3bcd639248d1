#include <catch2/catch.hpp>

#include "apply/digest.hpp"
#include "apply/migration_files.hpp"
#include "parser/diagnostic.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using apply::read_migrations;

namespace {

// The diagnostics read_migrations reports for a directory (empty when it succeeds).
std::vector<parser::Diagnostic> errors_of(const testing::TempDir& dir) {
    try {
        read_migrations(dir.path());
    } catch (const parser::SourceErrors& errors) {
        return errors.diagnostics();
    }
    return {};
}

std::string at(const testing::TempDir& dir, const std::string& file) {
    return (dir.path() / file).string();
}

}  // namespace

TEST_CASE("a dbmate file has an up and a down section", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("20240101000000_add_index.sql",
              "-- migrate:up transaction:false\n"
              "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
              "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT 2 $$;\n"
              "\n"
              "-- migrate:down\n"
              "DROP INDEX CONCURRENTLY users_email;\n");
    auto set = read_migrations(dir.path());
    REQUIRE(set.migrations.size() == 1);
    const auto& migration = set.migrations[0];
    CHECK(migration.version == "20240101000000");
    CHECK(migration.name == "add_index");
    CHECK(migration.file_name() == "20240101000000_add_index.sql");
    CHECK_FALSE(migration.down_path);
    CHECK_FALSE(migration.up.transactional);
    CHECK(migration.up.first_line == 2);
    REQUIRE(migration.up.statements.size() == 2);
    CHECK(migration.up.statements[0].text ==
          "CREATE INDEX CONCURRENTLY users_email ON users (email)");
    CHECK(migration.up.statements[0].line == 2);
    CHECK(migration.up.statements[0].column == 1);
    // The dollar-quoted body keeps its semicolons: libpg_query splits, not a scanner.
    CHECK(migration.up.statements[1].text ==
          "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT 2 $$");
    CHECK(migration.up.statements[1].line == 3);
    REQUIRE(migration.down);
    CHECK(migration.down->transactional);
    CHECK(migration.down->first_line == 6);
    CHECK(migration.down->text == "DROP INDEX CONCURRENTLY users_email;\n");
    REQUIRE(migration.down->statements.size() == 1);
    CHECK(migration.down->statements[0].line == 6);
    CHECK(migration.checksum.size() == 64);
}

TEST_CASE("a dbmate file without a down section is accepted", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_only_up.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
    auto set = read_migrations(dir.path());
    REQUIRE(set.migrations.size() == 1);
    CHECK(set.migrations[0].up.transactional);
    CHECK(set.migrations[0].up.statements.size() == 1);
    CHECK_FALSE(set.migrations[0].down);
}

TEST_CASE("a golang-migrate pair is one migration", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("000001_create_users.up.sql", "CREATE TABLE users (id int);\n  CREATE TABLE b ();");
    dir.write("000001_create_users.down.sql", "DROP TABLE b;\nDROP TABLE users;\n");
    dir.write("000002_no_down.up.sql", "SELECT 1;");
    dir.write("notes.txt", "not a migration");
    dir.write("driftless.sum", "h1:whatever\n");
    auto set = read_migrations(dir.path());
    REQUIRE(set.migrations.size() == 2);
    const auto& first = set.migrations[0];
    CHECK(first.version == "000001");
    CHECK(first.name == "create_users");
    CHECK(first.file_name() == "000001_create_users.up.sql");
    REQUIRE(first.down_path);
    CHECK(first.down_path->filename() == "000001_create_users.down.sql");
    CHECK(first.up.transactional);
    CHECK(first.up.first_line == 1);
    REQUIRE(first.up.statements.size() == 2);
    CHECK(first.up.statements[1].text == "CREATE TABLE b ()");
    CHECK(first.up.statements[1].line == 2);
    CHECK(first.up.statements[1].column == 3);
    REQUIRE(first.down);
    CHECK(first.down->statements.size() == 2);
    CHECK(first.checksum == apply::sha256_hex("CREATE TABLE users (id int);\n  CREATE TABLE b ();"
                                              "DROP TABLE b;\nDROP TABLE users;\n"));
    // No down file: an empty down, as golang-migrate and ory/pop treat it.
    REQUIRE(set.migrations[1].down);
    CHECK(set.migrations[1].down->statements.empty());
    CHECK_FALSE(set.migrations[1].down_path);
}

TEST_CASE("ory/pop file names: dialect, autocommit, and other databases' files skipped",
          "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_users.up.sql", "CREATE TABLE generic_loses ();\n");
    dir.write("1_users.postgres.up.sql", "CREATE TABLE users ();\n");
    dir.write("1_users.mysql.up.sql", "CREATE TABLE `users` () ENGINE=InnoDB;\n");
    dir.write("1_users.postgres.down.sql", "DROP TABLE users;\n");
    dir.write("2_index.autocommit.up.sql", "CREATE INDEX CONCURRENTLY i ON users (id);\n");
    dir.write("2_index.autocommit.down.sql", "DROP INDEX CONCURRENTLY i;\n");
    dir.write("3_cockroach_only.cockroach.up.sql", "SELECT 1;\n");
    auto set = apply::read_migrations(dir.path());
    REQUIRE(set.migrations.size() == 2);
    CHECK(set.migrations[0].name == "users");
    CHECK(set.migrations[0].up_path.filename() == "1_users.postgres.up.sql");
    CHECK(set.migrations[0].up.statements.at(0).text == "CREATE TABLE users ()");
    CHECK(set.migrations[0].up.transactional);
    CHECK(set.migrations[1].name == "index");
    CHECK_FALSE(set.migrations[1].up.transactional);
    REQUIRE(set.migrations[1].down);
    CHECK_FALSE(set.migrations[1].down->transactional);
    CHECK(set.migrations[1].up.statements.at(0).traits.concurrent_index);

    dir.write("4_twice.postgres.up.sql", "SELECT 1;\n");
    dir.write("4_twice.up.sql", "SELECT 2;\n");
    CHECK(apply::read_migrations(dir.path()).migrations.size() == 3);
}

TEST_CASE("statement traits: index builds, VALIDATE and concurrent index names",
          "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql",
              "-- migrate:up transaction:false\n"
              "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"Big Index\" ON app.\"Users\" (email);\n"
              "ALTER TABLE app.t VALIDATE CONSTRAINT c;\n"
              "ALTER TABLE app.t ADD COLUMN x int;\n"
              "CREATE INDEX plain ON t (a);\n");
    auto statements = apply::read_migrations(dir.path()).migrations.at(0).up.statements;
    REQUIRE(statements.size() == 4);
    REQUIRE(statements[0].traits.concurrent_index);
    CHECK(statements[0].traits.concurrent_index->table == "app.\"Users\"");
    CHECK(statements[0].traits.concurrent_index->index == "Big Index");
    CHECK(statements[0].traits.long_running);
    CHECK(statements[1].traits.long_running);
    CHECK_FALSE(statements[2].traits.long_running);
    CHECK(statements[3].traits.long_running);
    CHECK_FALSE(statements[3].traits.concurrent_index);
}

TEST_CASE("migrations of both styles are ordered by numeric version", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("10_ten.sql", "-- migrate:up\nSELECT 10;\n");
    dir.write("9_nine.up.sql", "SELECT 9;");
    dir.write("100_hundred.sql", "-- migrate:up\nSELECT 100;\n");
    dir.write("011_eleven.up.sql", "SELECT 11;");
    auto set = read_migrations(dir.path());
    std::vector<std::string> versions;
    for (const auto& migration : set.migrations) versions.push_back(migration.version);
    CHECK(versions == std::vector<std::string>{"9", "10", "011", "100"});
    CHECK(apply::compare_versions("9", "10") < 0);
    CHECK(apply::compare_versions("20240102", "20240101") > 0);
    CHECK(apply::compare_versions("007", "7") == 0);
}

TEST_CASE("an empty or sql-free directory holds no migrations", "[unit][apply]") {
    testing::TempDir dir;
    CHECK(read_migrations(dir.path()).migrations.empty());
    CHECK_THROWS_AS(read_migrations(dir.path() / "missing"), InputError);
}

TEST_CASE("misnamed files and orphan down files are reported at 1:1", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("add_users.sql", "-- migrate:up\nSELECT 1;\n");
    dir.write("3_gone.down.sql", "SELECT 1;");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].file == at(dir, "3_gone.down.sql"));
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 1);
    CHECK(errors[0].message == "down migration without its up file 3_gone.up.sql");
    CHECK(errors[1].file == at(dir, "add_users.sql"));
    CHECK(errors[1].line == 1);
    CHECK(errors[1].column == 1);
    CHECK(errors[1].message.find("not a migration file name") == 0);
}

TEST_CASE("a dbmate file must have a migrate:up line", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql", "CREATE TABLE a (id int);\n");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].format() == at(dir, "1_a.sql") +
                                    ":1:1: missing -- migrate:up line (a file without sections "
                                    "must be named <version>_<name>.up.sql)");
}

TEST_CASE("a repeated section is reported at its marker line", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql",
              "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:down\nSELECT 3;\n");
    dir.write("2_b.sql", "-- migrate:up\nSELECT 1;\n\n-- migrate:up\nSELECT 2;\n");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].format() ==
          at(dir, "1_a.sql") + ":5:1: second -- migrate:down section (the first is at line 3)");
    CHECK(errors[1].format() ==
          at(dir, "2_b.sql") + ":4:1: second -- migrate:up section (the first is at line 1)");
}

TEST_CASE("an unknown option after migrate:up is reported at the option", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql", "-- migrate:up transaction:maybe\nSELECT 1;\n");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 15);
    CHECK(errors[0].message ==
          "unknown option 'transaction:maybe' after -- migrate:up (the only "
          "option is transaction:false)");
}

TEST_CASE("duplicate versions name both files", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("5_first.sql", "-- migrate:up\nSELECT 1;\n");
    dir.write("5_second.up.sql", "SELECT 2;");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].format() ==
          at(dir, "5_second.up.sql") + ":1:1: version 5 is also used by 5_first.sql");
}

TEST_CASE("a syntax error is reported at its file position", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql",
              "-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n"
              "  DROPP TABLE b;\n");
    dir.write("2_b.up.sql", "SELECT 1;\nSELECT (;\n");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].file == at(dir, "1_a.sql"));
    CHECK(errors[0].line == 6);
    CHECK(errors[0].column == 3);
    CHECK(errors[0].message.find("syntax error") != std::string::npos);
    CHECK(errors[1].file == at(dir, "2_b.up.sql"));
    CHECK(errors[1].line == 2);
    CHECK(errors[1].column == 9);
}

TEST_CASE("the checksum is stable and changes with any byte", "[unit][apply]") {
    testing::TempDir dir;
    std::string text = "-- migrate:up\nCREATE TABLE a (id int);\n";
    dir.write("1_a.sql", text);
    auto first = read_migrations(dir.path()).migrations.at(0).checksum;
    CHECK(first == apply::sha256_hex(text));
    CHECK(read_migrations(dir.path()).migrations.at(0).checksum == first);
    dir.write("1_a.sql", text + " ");
    CHECK(read_migrations(dir.path()).migrations.at(0).checksum != first);
    CHECK(apply::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("text outside sections and misplaced markers are reported", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql", "-- header comment\nSELECT 0;\n-- migrate:up\nSELECT 1;\n");
    dir.write("2_b.sql", "-- migrate:down\nSELECT 2;\n-- migrate:up\nSELECT 1;\n");
    dir.write("3_c.sql", "-- migrate:up\nSELECT 1;\n-- migrate:sideways\n");
    auto errors = errors_of(dir);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].format() ==
          at(dir, "1_a.sql") +
              ":2:1: text before the first -- migrate: line belongs to no section");
    CHECK(errors[1].format() ==
          at(dir, "2_b.sql") + ":1:1: -- migrate:down comes before -- migrate:up");
    CHECK(errors[2].format() == at(dir, "3_c.sql") +
                                    ":3:4: unknown section 'migrate:sideways' (expected "
                                    "migrate:up or migrate:down)");
}

TEST_CASE("CRLF files and dbmate's compact marker are read", "[unit][apply]") {
    testing::TempDir dir;
    dir.write("1_a.sql", "--migrate:up transaction:false\r\nSELECT 1;\r\n--  migrate:down\r\n");
    auto set = read_migrations(dir.path());
    REQUIRE(set.migrations.size() == 1);
    CHECK_FALSE(set.migrations[0].up.transactional);
    CHECK(set.migrations[0].up.statements.at(0).text == "SELECT 1");
    REQUIRE(set.migrations[0].down);
    CHECK(set.migrations[0].down->statements.empty());
}
