// The catalog readers for triggers, policies and the dependencies between objects, against a
// real server: exact values as the server renders them, and the edges that order a load.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/readers.hpp"
#include "pg/catalog_test_support.hpp"

using namespace driftless;
using namespace driftless::testing::catalog_support;

namespace {

model::ObjectId object(Kind kind, const std::string& name, const std::string& table = "") {
    model::ObjectId id{kind, {"app", name}, {}, {}};
    if (!table.empty()) id.table = {"app", table};
    return id;
}

}  // namespace

TEST_CASE("read_triggers: user triggers, no partition clones, constraint triggers, enabled state",
          "[pg][catalog]") {
    Fixture fx(fixture_sql);
    auto triggers = fx.read(catalog::read_triggers);

    std::vector<std::string> names;
    for (const auto& trigger : triggers) names.push_back(trigger.table.name + "." + trigger.name);
    CHECK(names == std::vector<std::string>{"accounts.accounts_touch", "events.events_touch",
                                            "orders.orders_check"});

    const auto& touch = triggers.at(0);
    CHECK(touch.definition ==
          "CREATE TRIGGER accounts_touch BEFORE UPDATE ON app.accounts FOR EACH ROW EXECUTE "
          "FUNCTION app.touch()");
    CHECK(touch.function == model::QualifiedName{"app", "touch"});
    CHECK(touch.enabled == 'O');
    CHECK_FALSE(touch.is_constraint);
    CHECK(touch.comment == "touch");

    const auto& constraint_trigger = triggers.at(2);
    CHECK(constraint_trigger.is_constraint);
    CHECK(constraint_trigger.enabled == 'D');
    CHECK(constraint_trigger.definition ==
          "CREATE CONSTRAINT TRIGGER orders_check AFTER INSERT ON app.orders DEFERRABLE INITIALLY "
          "IMMEDIATE "
          "FOR EACH ROW EXECUTE FUNCTION app.touch()");
}

TEST_CASE("read_policies: commands, permissive, roles, expressions, comment", "[pg][catalog]") {
    Fixture fx(fixture_sql);
    auto policies = fx.read(catalog::read_policies);
    REQUIRE(policies.size() == 2);

    const auto& own = policies.at(0);
    CHECK(own.table == model::QualifiedName{"app", "accounts"});
    CHECK(own.name == "own");
    CHECK_FALSE(own.permissive);
    CHECK(own.command == "UPDATE");
    CHECK(own.roles ==
          std::vector<std::string>{"driftless_catalog_reader", "driftless_catalog_writer"});
    CHECK(own.using_expression == "(id > 0)");
    CHECK(own.check_expression == "(balance >= (0)::numeric)");
    CHECK(own.comment == "own rows");

    const auto& see_all = policies.at(1);
    CHECK(see_all.name == "see_all");
    CHECK(see_all.permissive);
    CHECK(see_all.command == "SELECT");
    CHECK(see_all.roles == std::vector<std::string>{"PUBLIC"});
    CHECK(see_all.using_expression == "true");
    CHECK_FALSE(see_all.check_expression);
    CHECK_FALSE(see_all.comment);
}

TEST_CASE("read_dependencies: views, functions, keys, sequences, types, partitions",
          "[pg][catalog]") {
    Fixture fx(std::string(fixture_sql) + R"SQL(
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE DOMAIN app.positive AS integer CHECK (VALUE > app.double_it(0));
CREATE TYPE app.pair AS (l integer, r app.positive);
CREATE TYPE app.floatrange AS RANGE (subtype = float8);
CREATE SEQUENCE app.ticket_seq;
CREATE TABLE app.typed (id integer DEFAULT nextval('app.ticket_seq'), moods app.mood[], p app.pair,
  fr app.floatmultirange, acc app.accounts);
ALTER SEQUENCE app.ticket_seq OWNED BY app.typed.id;
)SQL");
    auto edges = fx.read(catalog::read_dependencies);
    auto function = [](const std::string& name, const std::string& arguments) {
        model::ObjectId id = object(Kind::function, name);
        id.arguments = arguments;
        return id;
    };
    auto table = [](const std::string& name) { return object(Kind::table, name); };

    CHECK(std::is_sorted(edges.begin(), edges.end()));
    CHECK(std::adjacent_find(edges.begin(), edges.end()) == edges.end());
    for (const auto& edge : edges) {
        INFO(edge.from.display() << " -> " << edge.to.display());
        CHECK(edge.from != edge.to);
        CHECK(edge.to.kind != Kind::schema);
        CHECK(edge.from.name.schema == "app");
        CHECK(edge.to.name.schema == "app");
    }

    // Views through their rewrite rule: tables, functions, other views.
    CHECK(has_edge(edges, object(Kind::view, "rich"), table("accounts")));
    CHECK(has_edge(edges, object(Kind::view, "rich"), function("double_it", "x integer")));
    CHECK(
        has_edge(edges, object(Kind::materialized_view, "rich_count"), object(Kind::view, "rich")));
    CHECK(has_edge(edges, object(Kind::index, "totals_idx", "totals"),
                   object(Kind::materialized_view, "totals")));
    // A generated column's expression makes its table depend on the function.
    CHECK(has_edge(edges, table("accounts"), function("double_it", "x integer")));
    // A foreign key depends on the referenced key (through its index) and both tables.
    CHECK(has_edge(edges, object(Kind::constraint, "orders_account_fk", "orders"),
                   object(Kind::constraint, "accounts_pkey", "accounts")));
    CHECK(has_edge(edges, object(Kind::constraint, "orders_account_fk", "orders"),
                   table("accounts")));
    CHECK(has_edge(edges, object(Kind::index, "orders_amount_partial", "orders"), table("orders")));
    CHECK(has_edge(edges, object(Kind::trigger, "accounts_touch", "accounts"),
                   function("touch", "")));
    CHECK(has_edge(edges, object(Kind::policy, "own", "accounts"), table("accounts")));
    // Partitions and inheritance children come after their parents.
    CHECK(has_edge(edges, table("events_2024"), table("events")));
    CHECK(has_edge(edges, table("child"), table("parent")));
    // Sequences: the default needs the sequence; OWNED BY is reversed so no cycle forms.
    CHECK(has_edge(edges, table("typed"), object(Kind::sequence, "ticket_seq")));
    CHECK(has_edge(edges, table("orders"), object(Kind::sequence, "orders_id_seq")));
    CHECK_FALSE(has_edge(edges, object(Kind::sequence, "ticket_seq"), table("typed")));
    CHECK_FALSE(has_edge(edges, object(Kind::sequence, "orders_id_seq"), table("orders")));
    // Types: arrays to their element, multiranges to their range, row types to their table.
    CHECK(has_edge(edges, table("typed"), object(Kind::enum_type, "mood")));
    CHECK(has_edge(edges, table("typed"), object(Kind::composite_type, "pair")));
    CHECK(has_edge(edges, table("typed"), object(Kind::range_type, "floatrange")));
    CHECK(has_edge(edges, table("typed"), table("accounts")));
    CHECK(has_edge(edges, object(Kind::composite_type, "pair"), object(Kind::domain, "positive")));
    CHECK(has_edge(edges, object(Kind::domain, "positive"), function("double_it", "x integer")));
    // A range type's constructors are part of it, not functions of their own.
    for (const auto& edge : edges)
        CHECK_FALSE((edge.from.kind == Kind::function && edge.from.name.name == "floatrange"));
    // The identity sequence is part of its column; a partition's trigger clone is not an object.
    for (const auto& edge : edges) {
        CHECK(edge.from.name.name != "accounts_id_seq");
        CHECK(edge.to.name.name != "accounts_id_seq");
        CHECK_FALSE((edge.from.kind == Kind::trigger && edge.from.table.name == "events_2024"));
    }
}
