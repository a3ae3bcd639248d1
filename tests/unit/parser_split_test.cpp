// Splitting schema files into statements: exact text and positions, whatever the lexical
// traps (dollar quotes, BEGIN ATOMIC, E'' strings, nested comments, semicolons in strings).
#include <catch2/catch.hpp>

#include "parser/schema_parser.hpp"

using namespace driftless::parser;

namespace {
ParsedFile parse(const std::string& text) {
    return parse_file({"schema/test.sql", text});
}
}  // namespace

TEST_CASE("statements keep their exact text, line and column", "[unit][parser]") {
    auto parsed =
        parse("-- leading comment\nCREATE TABLE a (id int);\n\n   CREATE TABLE b (id int)  ;\n");
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.statements.size() == 2);
    CHECK(parsed.statements[0].text == "CREATE TABLE a (id int)");
    CHECK(parsed.statements[0].line == 2);
    CHECK(parsed.statements[0].column == 1);
    CHECK(parsed.statements[1].text == "CREATE TABLE b (id int)");
    CHECK(parsed.statements[1].line == 4);
    CHECK(parsed.statements[1].column == 4);
    CHECK(parsed.statements[1].location() == "schema/test.sql:4:4");
    CHECK(parsed.statements[0].node_type == "CreateStmt");
}

TEST_CASE("dollar-quoted bodies keep their semicolons", "[unit][parser]") {
    auto parsed = parse(
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\n"
        "BEGIN\n  RAISE NOTICE 'a; b';\n  RETURN 1;\nEND\n$body$;\n"
        "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $$ SELECT 'x;y' $$;");
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.statements.size() == 2);
    CHECK(parsed.statements[0].text.find("RETURN 1;") != std::string::npos);
    CHECK(parsed.statements[0].text.ends_with("$body$"));
    CHECK(parsed.statements[1].line == 7);
}

TEST_CASE("BEGIN ATOMIC bodies are one statement", "[unit][parser]") {
    auto parsed = parse(
        "CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + 1;\n  "
        "SELECT a + 2;\nEND;\n"
        "CREATE TABLE after_atomic (id int);");
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.statements.size() == 2);
    CHECK(parsed.statements[0].text.ends_with("END"));
    CHECK(parsed.statements[1].text == "CREATE TABLE after_atomic (id int)");
    CHECK(parsed.statements[1].line == 6);
}

TEST_CASE("E'' strings, standard strings and nested comments hide semicolons", "[unit][parser]") {
    auto parsed = parse(
        "COMMENT ON TABLE t IS E'it\\'s; fine';\n"
        "COMMENT ON TABLE u IS 'a;''b';\n"
        "/* outer /* inner; */ still comment; */\n"
        "CREATE TABLE v (id int);");
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.statements.size() == 3);
    CHECK(parsed.statements[0].text == "COMMENT ON TABLE t IS E'it\\'s; fine'");
    CHECK(parsed.statements[1].text == "COMMENT ON TABLE u IS 'a;''b'");
    CHECK(parsed.statements[2].text == "CREATE TABLE v (id int)");
    CHECK(parsed.statements[2].line == 4);
}

TEST_CASE("a file without a final semicolon still yields its last statement", "[unit][parser]") {
    auto parsed = parse("CREATE TABLE a (id int);\nCREATE TABLE b (id int)\n");
    REQUIRE(parsed.statements.size() == 2);
    CHECK(parsed.statements[1].text == "CREATE TABLE b (id int)");
}

TEST_CASE("syntax errors are reported at file:line:col", "[unit][parser]") {
    std::string text;
    for (int i = 1; i < 12; ++i) text += "-- line " + std::to_string(i) + "\n";
    text += "    CREATE TABEL users (id int);\n";
    auto parsed = parse_file({"schema/users.sql", text});
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].format() ==
          "schema/users.sql:12:12: syntax error at or near \"TABEL\"");
}

TEST_CASE("columns count characters, not bytes", "[unit][parser]") {
    auto parsed = parse("CREATE TABLE \"ünïcödé\" (id int) WIHT (fillfactor = 70);");
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].line == 1);
    CHECK(parsed.diagnostics[0].column == 33);  // 7 letters, 11 bytes in the name
}

TEST_CASE("every syntax error of a file is reported, not only the first", "[unit][parser]") {
    auto parsed = parse(
        "CREATE TABLE ok1 (id int);\n"
        "CREATE TABEL bad1 (id int);\n"
        "CREATE TABLE ok2 (id int);\n"
        "CREATE TABLE bad2 (id int,, x int);\n"
        "CREATE TABLE ok3 (id int);\n");
    REQUIRE(parsed.diagnostics.size() == 2);
    CHECK(parsed.diagnostics[0].line == 2);
    CHECK(parsed.diagnostics[1].line == 4);
    CHECK(parsed.diagnostics[1].message == "syntax error at or near \",\"");
}

TEST_CASE("errors in several files are all reported, sorted by file", "[unit][parser]") {
    std::vector<SourceFile> sources{
        {"schema/a.sql", "CREATE TABLE a (id int);\nCREATE TABLE broken (;\n"},
        {"schema/b.sql", "CREATE TABLE b (id int);\n"},
        {"schema/c.sql", "INSERT INTO b VALUES (1);\nCREATE VIEW v AS SELEC 1;\n"},
    };
    try {
        parse_sources(sources);
        FAIL("expected SourceErrors");
    } catch (const SourceErrors& errors) {
        REQUIRE(errors.diagnostics().size() == 3);
        CHECK(errors.diagnostics()[0].file == "schema/a.sql");
        CHECK(errors.diagnostics()[0].line == 2);
        CHECK(errors.diagnostics()[1].file == "schema/c.sql");
        CHECK(errors.diagnostics()[1].line == 1);
        CHECK(errors.diagnostics()[2].file == "schema/c.sql");
        CHECK(errors.diagnostics()[2].line == 2);
        CHECK(errors.code() == driftless::ExitCode::bad_input);
        CHECK(std::string(errors.what()).find("schema/c.sql:2:") != std::string::npos);
    }
}
