#include <catch2/catch.hpp>

#include "parser/source_files.hpp"
#include "support/test_server.hpp"

using namespace driftless;

TEST_CASE("a schema directory is read recursively, .sql only, in byte order", "[unit][parser]") {
    testing::TempDir dir;
    dir.write("b.sql", "b");
    dir.write("a/z.sql", "az");
    dir.write("a.sql", "a");
    dir.write("B.sql", "B");
    dir.write("notes.txt", "ignored");
    dir.write("a/deeper/c.sql", "c");
    auto sources = parser::read_schema_sources(dir.path());
    std::vector<std::string> texts;
    for (const auto& source : sources) texts.push_back(source.text);
    // '.' sorts before '/', capitals before lower case: the same on every machine.
    CHECK(texts == std::vector<std::string>{"B", "a", "c", "az", "b"});
}

TEST_CASE("a missing or empty schema path is bad input", "[unit][parser]") {
    testing::TempDir dir;
    CHECK_THROWS_MATCHES(parser::read_schema_sources(dir.path() / "nope"), InputError,
                         Catch::Matchers::Predicate<InputError>([](const InputError& e) {
                             return std::string(e.what()).find("no such file or directory") !=
                                    std::string::npos;
                         }));
    CHECK_THROWS_AS(parser::read_schema_sources(dir.path()), InputError);
    auto file = dir.write("one.sql", "CREATE TABLE a (id int);");
    CHECK(parser::read_schema_sources(file).size() == 1);
}
