// Introspection is one query per object kind, never one per table: the number of statements
// read_schema sends must not grow with the number of tables. Counted in the server's own log.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "catalog/read_schema.hpp"
#include "parser/pg_query_api.hpp"
#include "support/synthetic_schema.hpp"
#include "support/test_server.hpp"

using namespace driftless;

namespace {

// The statements in the server's log after offset. One logged message may hold several (a
// reader group's queries go to the server together), so each message's text, continuation
// lines included, is split by the parser.
std::size_t logged_statements_since(const std::filesystem::path& log, std::size_t offset) {
    std::ifstream in(log);
    in.seekg(static_cast<std::streamoff>(offset));
    static const std::regex new_entry(R"(^\d{4}-\d\d-\d\d )");
    const std::string marker = "LOG:  statement: ";
    std::size_t count = 0;
    std::string line, message;
    bool in_statement = false;
    auto finish = [&] {
        if (!in_statement) return;
        auto parsed = parser::parse_sql(message);
        REQUIRE_FALSE(parsed.error);
        count += parsed.tree["stmts"].size();
        in_statement = false;
    };
    while (std::getline(in, line)) {
        if (std::regex_search(line, new_entry)) {
            finish();
            auto at = line.find(marker);
            if (at != std::string::npos) {
                in_statement = true;
                message = line.substr(at + marker.size());
            }
        } else if (in_statement) {
            message += "\n" + line;
        }
    }
    finish();
    return count;
}

std::size_t statements_to_read(int tables) {
    testing::TestDatabase database;
    auto session = database.connect();
    session.execute(testing::as_script(testing::synthetic_statements({.tables = tables})));
    session.execute("ALTER DATABASE \"" + database.name() + "\" SET log_statement = 'all'");
    auto log = testing::test_server().embedded()->run_directory() / "server.log";
    std::size_t before = std::filesystem::file_size(log);
    auto schema = catalog::read_schema(database.conninfo());
    REQUIRE(schema.tables.size() == static_cast<std::size_t>(tables));
    return logged_statements_since(log, before);
}

}  // namespace

TEST_CASE("reading the catalog sends as many statements for 300 tables as for 10",
          "[pg][catalog]") {
    std::size_t small = statements_to_read(10);
    std::size_t large = statements_to_read(300);
    CHECK(small > 10);  // every reader's query was seen in the log
    CHECK(large == small);
}
