// Identifier and literal quoting: the same answers as PostgreSQL 15's quote_ident and
// quote_literal, since the server's own renderings sit next to ours in every emitted file.
#include <catch2/catch.hpp>

#include "emit/quote.hpp"

using driftless::emit::quote_identifier;
using driftless::emit::quote_literal;
using driftless::emit::quote_qualified;
using driftless::model::QualifiedName;

TEST_CASE("plain lower-case names stay bare", "[unit][quote]") {
    CHECK(quote_identifier("users") == "users");
    CHECK(quote_identifier("_private") == "_private");
    CHECK(quote_identifier("order_items2") == "order_items2");
}

TEST_CASE("capitals, spaces and other characters are quoted", "[unit][quote]") {
    CHECK(quote_identifier("Users") == "\"Users\"");
    CHECK(quote_identifier("userId") == "\"userId\"");
    CHECK(quote_identifier("order items") == "\"order items\"");
    CHECK(quote_identifier("a-b") == "\"a-b\"");
    CHECK(quote_identifier("a.b") == "\"a.b\"");
    // PostgreSQL accepts $ inside a bare identifier, but quote_ident still quotes it.
    CHECK(quote_identifier("price$") == "\"price$\"");
}

TEST_CASE("embedded double quotes are doubled", "[unit][quote]") {
    CHECK(quote_identifier("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(quote_identifier("\"") == "\"\"\"\"");
}

TEST_CASE("reserved, column-name and type/function-name keywords are quoted", "[unit][quote]") {
    CHECK(quote_identifier("select") == "\"select\"");
    CHECK(quote_identifier("user") == "\"user\"");
    CHECK(quote_identifier("order") == "\"order\"");
    CHECK(quote_identifier("table") == "\"table\"");
    CHECK(quote_identifier("all") == "\"all\"");            // first in the list
    CHECK(quote_identifier("xmltable") == "\"xmltable\"");  // last in the list
    CHECK(quote_identifier("integer") == "\"integer\"");    // COL_NAME_KEYWORD
    CHECK(quote_identifier("timestamp") == "\"timestamp\"");
    CHECK(quote_identifier("authorization") == "\"authorization\"");  // TYPE_FUNC_NAME_KEYWORD
    CHECK(quote_identifier("left") == "\"left\"");
}

TEST_CASE("unreserved keywords need no quotes", "[unit][quote]") {
    for (const char* word :
         {"name", "text", "data", "key", "value", "type", "action", "comment", "index"}) {
        INFO(word);
        CHECK(quote_identifier(word) == word);
    }
    // Keywords are matched whole, never by prefix.
    CHECK(quote_identifier("selected") == "selected");
    CHECK(quote_identifier("users_order") == "users_order");
}

TEST_CASE("non-ASCII letters are quoted", "[unit][quote]") {
    CHECK(quote_identifier("ñandú") == "\"ñandú\"");
    CHECK(quote_identifier("größe") == "\"größe\"");
    CHECK(quote_identifier("表") == "\"表\"");
}

TEST_CASE("names starting with a digit are quoted", "[unit][quote]") {
    CHECK(quote_identifier("1st") == "\"1st\"");
    CHECK(quote_identifier("2024") == "\"2024\"");
}

TEST_CASE("the empty name is quoted", "[unit][quote]") {
    CHECK(quote_identifier("") == "\"\"");
}

TEST_CASE("qualified names quote each part", "[unit][quote]") {
    CHECK(quote_qualified(QualifiedName{"public", "users"}) == "public.users");
    CHECK(quote_qualified(QualifiedName{"App", "order"}) == "\"App\".\"order\"");
    CHECK(quote_qualified(QualifiedName{"my schema", "a.b"}) == "\"my schema\".\"a.b\"");
    CHECK(quote_qualified(QualifiedName{"", "users"}) == "users");
}

TEST_CASE("literals double quotes and switch to E'' for backslashes", "[unit][quote]") {
    CHECK(quote_literal("plain") == "'plain'");
    CHECK(quote_literal("") == "''");
    CHECK(quote_literal("it's") == "'it''s'");
    CHECK(quote_literal("C:\\temp") == "E'C:\\\\temp'");
    CHECK(quote_literal("a\\'b") == "E'a\\\\''b'");
    CHECK(quote_literal("two\nlines") == "'two\nlines'");
    CHECK(quote_literal("ünïcode") == "'ünïcode'");
}
