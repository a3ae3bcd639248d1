// What does not belong in a schema file is refused with file:line and a reason; pg_dump's
// session preamble is accepted and ignored.
#include <catch2/catch.hpp>

#include "parser/schema_parser.hpp"

using namespace driftless::parser;

namespace {
Diagnostic single_refusal(const std::string& statement) {
    auto parsed = parse_file({"schema/x.sql", "CREATE TABLE keep (id int);\n" + statement + ";\n"});
    INFO(statement);
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.statements.size() == 1);
    CHECK(parsed.diagnostics[0].file == "schema/x.sql");
    CHECK(parsed.diagnostics[0].line == 2);
    return parsed.diagnostics[0];
}
}  // namespace

TEST_CASE("DML is refused", "[unit][parser]") {
    for (std::string sql :
         {"INSERT INTO keep VALUES (1)", "UPDATE keep SET id = 2", "DELETE FROM keep",
          "SELECT * FROM keep", "TRUNCATE keep", "COPY keep FROM STDIN",
          "DO $$ BEGIN PERFORM 1; END $$", "CALL p()", "CREATE TABLE copy AS SELECT * FROM keep"}) {
        auto diagnostic = single_refusal(sql);
        CHECK_THAT(diagnostic.message, Catch::Contains("not allowed in schema files"));
    }
    CHECK_THAT(single_refusal("INSERT INTO keep VALUES (1)").message,
               Catch::StartsWith("INSERT INTO: data statements"));
}

TEST_CASE("DROP and dropping parts of objects are refused", "[unit][parser]") {
    for (std::string sql : {"DROP TABLE keep", "DROP INDEX IF EXISTS i", "DROP SCHEMA s CASCADE",
                            "ALTER TABLE keep DROP COLUMN id", "ALTER TABLE keep DROP CONSTRAINT c",
                            "ALTER DOMAIN d DROP CONSTRAINT c", "DROP OWNED BY someone"}) {
        CHECK_THAT(single_refusal(sql).message,
                   Catch::Contains("remove the definition instead") ||
                       Catch::Contains("remove it from the definition"));
    }
}

TEST_CASE("transaction control is refused", "[unit][parser]") {
    for (std::string sql : {"BEGIN", "COMMIT", "ROLLBACK", "START TRANSACTION", "SAVEPOINT s"}) {
        CHECK_THAT(single_refusal(sql).message, Catch::Contains("transaction control"));
    }
}

TEST_CASE("renames, roles and databases are refused", "[unit][parser]") {
    CHECK_THAT(single_refusal("ALTER TABLE keep RENAME TO kept").message,
               Catch::Contains("driftless:renamed-from"));
    CHECK_THAT(single_refusal("CREATE ROLE app").message, Catch::Contains("whole server"));
    CHECK_THAT(single_refusal("CREATE DATABASE other").message, Catch::Contains("whole server"));
    CHECK_THAT(single_refusal("VACUUM keep").message, Catch::Contains("not allowed"));
}

TEST_CASE("psql meta-commands are refused, and the rest of the file is still checked",
          "[unit][parser]") {
    auto parsed = parse_file({"schema/dump.sql",
                              "\\restrict abc123\nCREATE TABLE a (id int);\n\\connect other\n"
                              "CREATE TABEL b (id int);\n"});
    REQUIRE(parsed.diagnostics.size() == 3);
    CHECK(parsed.diagnostics[0].format() ==
          "schema/dump.sql:1:1: psql meta-command \\restrict is not allowed in schema files "
          "(driftless reads them, not psql)");
    CHECK(parsed.diagnostics[1].line == 3);
    CHECK_THAT(parsed.diagnostics[1].message, Catch::Contains("\\connect"));
    CHECK(parsed.diagnostics[2].line == 4);
    CHECK_THAT(parsed.diagnostics[2].message, Catch::Contains("TABEL"));
}

TEST_CASE("schema statements of every kind are accepted", "[unit][parser]") {
    auto parsed = parse_file({"schema/ok.sql", R"SQL(
CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
ALTER TYPE app.mood ADD VALUE 'happy';
CREATE TYPE app.pair AS (a int, b int);
CREATE DOMAIN app.posint AS int CHECK (VALUE > 0);
CREATE SEQUENCE app.seq;
CREATE TABLE app.t (id int PRIMARY KEY, m app.mood);
ALTER TABLE app.t ADD COLUMN n int, ENABLE ROW LEVEL SECURITY;
ALTER SEQUENCE app.seq OWNED BY app.t.id;
CREATE INDEX t_m ON app.t (m);
CREATE VIEW app.v AS SELECT * FROM app.t;
CREATE MATERIALIZED VIEW app.mv AS SELECT * FROM app.t;
CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tr BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.f();
CREATE POLICY p ON app.t USING (true);
COMMENT ON TABLE app.t IS 'table';
GRANT SELECT ON app.t TO PUBLIC;
REVOKE ALL ON app.t FROM PUBLIC;
ALTER TABLE app.t OWNER TO CURRENT_USER;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
)SQL"});
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.statements.size() == 21);
}

TEST_CASE("pg_dump's session preamble is accepted and ignored", "[unit][parser]") {
    auto parsed = parse_file({"schema/dump.sql",
                              "SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
                              "SELECT pg_catalog.set_config('search_path', '', false);\n"
                              "CREATE TABLE public.a (id int);\n"});
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.ignored_session_settings == 3);
    REQUIRE(parsed.statements.size() == 1);
    CHECK(parsed.statements[0].line == 4);
}
