// Load order from parse trees: files may define objects in any order.
#include <catch2/catch.hpp>

#include <algorithm>

#include "parser/load_order.hpp"
#include "parser/schema_parser.hpp"

using namespace driftless::parser;

namespace {

std::vector<std::string> ordered_texts(const std::vector<Statement>& statements) {
    std::vector<std::string> texts;
    for (auto index : load_order(statements)) texts.push_back(statements[index].text);
    return texts;
}

std::size_t position_of(const std::vector<std::string>& texts, const std::string& prefix) {
    auto it = std::find_if(texts.begin(), texts.end(),
                           [&](const std::string& t) { return t.starts_with(prefix); });
    REQUIRE(it != texts.end());
    return static_cast<std::size_t>(it - texts.begin());
}

}  // namespace

TEST_CASE("dependencies come before their dependents whatever the file order", "[unit][parser]") {
    auto statements = parse_sources({{"s.sql", R"SQL(
COMMENT ON COLUMN app.orders.total IS 'sum';
CREATE TRIGGER audit AFTER INSERT ON app.orders FOR EACH ROW EXECUTE FUNCTION app.audit();
CREATE VIEW app.big_orders AS SELECT * FROM app.orders WHERE total > 100;
CREATE INDEX orders_user ON app.orders (user_id);
ALTER TABLE app.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id);
CREATE TABLE app.orders (id bigint DEFAULT nextval('app.order_ids'), user_id bigint, total app.money_amount, state app.state);
ALTER TABLE app.users ADD CONSTRAINT users_pk PRIMARY KEY (id);
CREATE TABLE app.users (id bigint);
CREATE SEQUENCE app.order_ids;
CREATE DOMAIN app.money_amount AS numeric CHECK (app.is_positive(VALUE));
CREATE FUNCTION app.is_positive(numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';
CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TYPE app.state AS ENUM ('new');
CREATE SCHEMA app;
)SQL"}});
    auto texts = ordered_texts(statements);
    auto at = [&](const std::string& prefix) { return position_of(texts, prefix); };
    CHECK(at("CREATE SCHEMA app") == 0);
    CHECK(at("CREATE FUNCTION app.is_positive") < at("CREATE DOMAIN"));
    CHECK(at("CREATE DOMAIN") < at("CREATE TABLE app.orders"));
    CHECK(at("CREATE TYPE app.state") < at("CREATE TABLE app.orders"));
    CHECK(at("CREATE SEQUENCE") < at("CREATE TABLE app.orders"));
    CHECK(at("CREATE TABLE app.users") < at("ALTER TABLE app.users"));
    // The foreign key needs the referenced table's primary key, added by a separate ALTER.
    CHECK(at("ALTER TABLE app.users") < at("ALTER TABLE app.orders"));
    CHECK(at("CREATE TABLE app.orders") < at("CREATE INDEX orders_user"));
    CHECK(at("CREATE FUNCTION app.audit") < at("CREATE TRIGGER"));
    CHECK(at("CREATE TABLE app.orders") < at("CREATE VIEW"));
    CHECK(at("CREATE TABLE app.orders") < at("COMMENT ON COLUMN"));
}

TEST_CASE("ready statements keep kind order, then file order", "[unit][parser]") {
    auto statements = parse_sources({{"s.sql",
                                      "CREATE TABLE b (id int);\nCREATE TABLE a (id int);\n"
                                      "CREATE TYPE e AS ENUM ('x');\nCREATE SCHEMA s;\n"}});
    CHECK(ordered_texts(statements) ==
          std::vector<std::string>{"CREATE SCHEMA s", "CREATE TYPE e AS ENUM ('x')",
                                   "CREATE TABLE b (id int)", "CREATE TABLE a (id int)"});
}

TEST_CASE("a dependency cycle does not stop ordering", "[unit][parser]") {
    auto statements =
        parse_sources({{"s.sql",
                        "CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b(id));\n"
                        "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id));\n"}});
    auto order = load_order(statements);
    std::sort(order.begin(), order.end());
    CHECK(order == std::vector<std::size_t>{0, 1});
}

TEST_CASE("ten files in reverse dependency order are ordered", "[unit][parser]") {
    // file 00 uses what file 01 defines, … file 09 defines the schema everything lives in.
    std::vector<SourceFile> sources;
    for (int i = 0; i < 9; ++i) {
        sources.push_back({"f" + std::to_string(i) + ".sql",
                           "CREATE TABLE s.t" + std::to_string(i) +
                               " (id int PRIMARY KEY, next_id int REFERENCES s.t" +
                               std::to_string(i + 1) + "(id));"});
    }
    sources.back().text = "CREATE TABLE s.t8 (id int PRIMARY KEY);";
    sources.push_back({"f9.sql", "CREATE SCHEMA s;"});
    auto statements = parse_sources(sources);
    auto texts = ordered_texts(statements);
    CHECK(texts.front() == "CREATE SCHEMA s");
    for (int i = 0; i < 8; ++i) {
        CHECK(position_of(texts, "CREATE TABLE s.t" + std::to_string(i + 1)) <
              position_of(texts, "CREATE TABLE s.t" + std::to_string(i) + " "));
    }
}
