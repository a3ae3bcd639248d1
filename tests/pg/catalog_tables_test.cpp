// The catalog readers for tables, their columns and views, against a real server: exact values
// as the server renders them, names exactly as stored, and one query per kind however many
// tables there are.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "catalog/readers.hpp"
#include "pg/catalog_test_support.hpp"
#include "support/synthetic_schema.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using namespace driftless::testing::catalog_support;

namespace {

constexpr const char* weird_sql = R"SQL(
CREATE SCHEMA "Weird ""Name"" é";
CREATE TABLE "Weird ""Name"" é"."Tab le ""Q"" ü" (
  "Col ""X"" é" int PRIMARY KEY,
  "Ünï" text COLLATE "C" CHECK ("Ünï" <> '')
);
CREATE INDEX "Idx ""I"" é" ON "Weird ""Name"" é"."Tab le ""Q"" ü" ("Ünï");
CREATE VIEW "Weird ""Name"" é"."View ""V""" AS SELECT "Col ""X"" é" FROM "Weird ""Name"" é"."Tab le ""Q"" ü";
)SQL";

const model::Table& table_named(const std::vector<model::Table>& tables, const std::string& name) {
    return find(
        tables,
        [&](const model::Table& t) {
            return t.name == model::QualifiedName{"app", name};
        },
        name);
}

model::Column column_of(const std::vector<TestColumn>& columns,
                        const std::string& table, const std::string& name) {
    for (const auto& row : columns)
        if (row.table == model::QualifiedName{"app", table} && row.column.name == name)
            return row.column;
    FAIL("no column " << table << "." << name);
    return {};
}

}  // namespace

TEST_CASE("read_tables: kinds, persistence, partitions, inheritance, options, RLS, comment, acl",
          "[pg][catalog]") {
    Fixture fx(fixture_sql);
    auto tables = fx.read(catalog::read_tables);
    std::string owner = fx.db.scalar("SELECT current_user");

    std::vector<std::string> names;
    for (const auto& table : tables) names.push_back(table.name.name);
    CHECK(names == std::vector<std::string>{"accounts", "child", "events", "events_2024",
                                            "events_2025", "orders", "parent", "parent2",
                                            "scratch"});

    const auto& accounts = table_named(tables, "accounts");
    CHECK(accounts.kind == model::TableKind::ordinary);
    CHECK(accounts.persistence == model::Persistence::permanent);
    CHECK(accounts.row_security);
    CHECK(accounts.force_row_security);
    CHECK(accounts.comment == "Accounts");
    CHECK(accounts.acl == std::vector<std::string>{"driftless_catalog_reader=r/" + owner,
                                                   owner + "=arwdDxt/" + owner});
    CHECK(accounts.columns.empty());
    CHECK_FALSE(accounts.access_method);
    CHECK_FALSE(accounts.partition_key);

    const auto& orders = table_named(tables, "orders");
    CHECK(orders.storage_parameters ==
          std::vector<std::string>{"autovacuum_enabled=false", "fillfactor=70"});
    CHECK_FALSE(orders.row_security);
    CHECK(orders.acl.empty());
    CHECK_FALSE(orders.comment);

    CHECK(table_named(tables, "scratch").persistence == model::Persistence::unlogged);

    const auto& events = table_named(tables, "events");
    CHECK(events.kind == model::TableKind::partitioned);
    CHECK(events.partition_key == "RANGE (at)");
    CHECK_FALSE(events.partition_of);
    CHECK_FALSE(events.access_method);

    const auto& events_2024 = table_named(tables, "events_2024");
    CHECK(events_2024.kind == model::TableKind::ordinary);
    CHECK(events_2024.partition_of == model::QualifiedName{"app", "events"});
    CHECK(events_2024.partition_bound == "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    CHECK(events_2024.inherits.empty());
    CHECK(table_named(tables, "events_2025").partition_bound ==
          "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");

    const auto& child = table_named(tables, "child");
    CHECK(child.inherits ==
          std::vector<model::QualifiedName>{{"app", "parent2"}, {"app", "parent"}});
    CHECK_FALSE(child.partition_of);
}

TEST_CASE("read_columns: types, defaults, identity, generated, collation, storage, comments, acl",
          "[pg][catalog]") {
    Fixture fx(std::string(fixture_sql) + R"SQL(
CREATE COLLATION app."Mine" FROM "C";
CREATE TABLE app.collated (mine text COLLATE app."Mine", basic text COLLATE ucs_basic, plain text COLLATE "default");
)SQL");
    auto columns = read_flat_columns(fx);
    std::string owner = fx.db.scalar("SELECT current_user");

    std::vector<std::string> account_columns;
    for (const auto& [table, attnum, column] : columns)
        if (table == model::QualifiedName{"app", "accounts"})
            account_columns.push_back(column.name);
    CHECK(account_columns == std::vector<std::string>{"id", "email", "balance", "doubled", "tags",
                                                      "created_at", "updated_at", "payload",
                                                      "during"});

    auto id = column_of(columns, "accounts", "id");
    CHECK(id.type == "bigint");
    CHECK(id.not_null);
    CHECK(id.identity == model::Identity::by_default);
    CHECK_FALSE(id.default_expression);
    REQUIRE(id.identity_options);
    CHECK(id.identity_options->data_type == "bigint");
    CHECK(id.identity_options->start == 100);
    CHECK(id.identity_options->increment == 5);
    CHECK(id.identity_options->min_value == 1);
    CHECK(id.identity_options->max_value == 9223372036854775807LL);
    CHECK(id.identity_options->cache == 10);
    CHECK_FALSE(id.identity_options->cycle);

    auto email = column_of(columns, "accounts", "email");
    CHECK(email.type == "character varying(320)");
    CHECK(email.collation == "\"C\"");
    CHECK(email.not_null);
    CHECK(email.comment == "login");
    CHECK(email.acl == std::vector<std::string>{"driftless_catalog_writer=w/" + owner});
    CHECK(email.identity == model::Identity::none);
    CHECK_FALSE(email.identity_options);

    auto balance = column_of(columns, "accounts", "balance");
    CHECK(balance.type == "numeric(12,2)");
    CHECK(balance.default_expression == "0");
    CHECK_FALSE(balance.collation);

    auto doubled = column_of(columns, "accounts", "doubled");
    CHECK(doubled.generated == model::Generated::stored);
    CHECK(doubled.generation_expression == "app.double_it(length((email)::text))");
    CHECK_FALSE(doubled.default_expression);

    auto tags = column_of(columns, "accounts", "tags");
    CHECK(tags.type == "text[]");
    CHECK(tags.default_expression == "'{}'::text[]");
    CHECK_FALSE(tags.collation);  // the type's own collation is not reported
    CHECK_FALSE(tags.not_null);

    auto created_at = column_of(columns, "accounts", "created_at");
    CHECK(created_at.type == "timestamp(3) with time zone");
    CHECK(created_at.default_expression == "now()");

    auto payload = column_of(columns, "accounts", "payload");
    CHECK(payload.storage == "external");
    CHECK(payload.compression == "pglz");
    CHECK_FALSE(column_of(columns, "accounts", "during").storage);
    CHECK_FALSE(column_of(columns, "accounts", "during").compression);

    // Ready to follow COLLATE: quoted when needed, qualified outside pg_catalog.
    CHECK(column_of(columns, "collated", "mine").collation == "app.\"Mine\"");
    CHECK(column_of(columns, "collated", "basic").collation == "ucs_basic");
    CHECK_FALSE(column_of(columns, "collated", "plain").collation);

    auto serial = column_of(columns, "orders", "id");
    CHECK(serial.type == "integer");
    CHECK(serial.default_expression == "nextval('app.orders_id_seq'::regclass)");
    CHECK(serial.identity == model::Identity::none);

    // Partitions and inheritance children list their inherited columns too, in attnum order.
    std::vector<std::string> child_columns;
    for (const auto& [table, attnum, column] : columns)
        if (table == model::QualifiedName{"app", "child"}) child_columns.push_back(column.name);
    CHECK(child_columns == std::vector<std::string>{"b", "a", "c"});
    CHECK(column_of(columns, "events_2024", "at").type == "date");
}

TEST_CASE("read_views: definitions, columns, options, matviews, comments, acl", "[pg][catalog]") {
    Fixture fx(fixture_sql);
    auto views = fx.read(catalog::read_views);
    std::string owner = fx.db.scalar("SELECT current_user");

    std::vector<std::string> names;
    for (const auto& view : views) names.push_back(view.name.name);
    CHECK(names == std::vector<std::string>{"barrier", "rich", "rich_count", "totals"});

    const auto& rich = find(
        views, [](const model::View& v) { return v.name.name == "rich"; }, "rich");
    CHECK_FALSE(rich.materialized);
    CHECK(rich.definition ==
          "SELECT accounts.id,\n"
          "    accounts.email,\n"
          "    app.double_it(accounts.id::integer) AS d\n"
          "   FROM app.accounts\n"
          "  WHERE accounts.balance > 100::numeric");
    CHECK(rich.columns == std::vector<std::string>{"id", "email", "d"});
    CHECK(rich.options.empty());
    CHECK(rich.with_data);
    CHECK(rich.comment == "rich people");
    CHECK(rich.column_comments == std::vector<model::ViewColumnComment>{{"email", "their mail"}});
    CHECK(rich.acl == std::vector<std::string>{"driftless_catalog_reader=r/" + owner,
                                               owner + "=arwdDxt/" + owner});

    const auto& barrier = find(
        views, [](const model::View& v) { return v.name.name == "barrier"; }, "barrier");
    CHECK(barrier.options ==
          std::vector<std::string>{"check_option=local", "security_barrier=true"});
    CHECK(barrier.columns == std::vector<std::string>{"id", "account_id", "amount"});

    const auto& totals = find(
        views, [](const model::View& v) { return v.name.name == "totals"; }, "totals");
    CHECK(totals.materialized);
    CHECK_FALSE(totals.with_data);
    CHECK(totals.options == std::vector<std::string>{"fillfactor=50"});
    CHECK(totals.definition ==
          "SELECT orders.account_id,\n"
          "    sum(orders.amount) AS total\n"
          "   FROM app.orders\n"
          "  GROUP BY orders.account_id");
    CHECK(totals.columns == std::vector<std::string>{"account_id", "total"});

    const auto& count = find(
        views, [](const model::View& v) { return v.name.name == "rich_count"; }, "rich_count");
    CHECK(count.materialized);
    CHECK(count.with_data);
}

TEST_CASE("readers return names as stored: quotes, spaces, capitals, unicode", "[pg][catalog]") {
    Fixture fx(weird_sql);
    const model::QualifiedName table{"Weird \"Name\" é", "Tab le \"Q\" ü"};

    auto tables = fx.read(catalog::read_tables);
    REQUIRE(tables.size() == 1);
    CHECK(tables[0].name == table);

    auto columns = read_flat_columns(fx);
    REQUIRE(columns.size() == 2);
    CHECK(columns[0].table == table);
    CHECK(columns[0].column.name == "Col \"X\" é");
    CHECK(columns[1].column.name == "Ünï");
    CHECK(columns[1].column.collation == "\"C\"");

    auto constraints = read_named_constraints(fx);
    REQUIRE(constraints.size() == 2);
    CHECK(constraints[0].name == "Tab le \"Q\" ü_pkey");
    CHECK(constraints[0].columns == std::vector<std::string>{"Col \"X\" é"});
    CHECK(constraints[1].name == "Tab le \"Q\" ü_Ünï_check");
    CHECK(constraints[1].definition == "CHECK ((\"Ünï\" <> ''::text))");

    auto indexes = fx.read(catalog::read_indexes);
    REQUIRE(indexes.size() == 1);
    CHECK(indexes[0].name == "Idx \"I\" é");
    CHECK(indexes[0].definition ==
          "CREATE INDEX \"Idx \"\"I\"\" é\" ON \"Weird \"\"Name\"\" é\".\"Tab le \"\"Q\"\" ü\" "
          "USING btree (\"Ünï\")");

    auto views = fx.read(catalog::read_views);
    REQUIRE(views.size() == 1);
    CHECK(views[0].name == model::QualifiedName{"Weird \"Name\" é", "View \"V\""});
    CHECK(views[0].columns == std::vector<std::string>{"Col \"X\" é"});

    auto edges = fx.read(catalog::read_dependencies);
    CHECK(has_edge(edges, model::ObjectId{Kind::view, views[0].name, {}, {}},
                   model::ObjectId{Kind::table, table, {}, {}}));
}

TEST_CASE("every table reader covers 200 tables with one query each", "[pg][catalog]") {
    testing::TestDatabase db;
    testing::SyntheticOptions options;
    options.tables = 200;
    db.connect().execute(testing::as_script(testing::synthetic_statements(options)));

    pqxx::connection connection(db.conninfo());
    pqxx::read_transaction tx(connection);
    catalog::ReadContext context;
    context.server_version = connection.server_version();
    context.schemas = {"synth"};

    CHECK(catalog::read_tables(tx, context).size() == 200);
    // id, name, state, created_at, amount, plus ref_0 and ref_1 on all but the first table.
    CHECK(catalog::read_columns(tx, context).size() == 200);
    CHECK(flat_columns(catalog::read_columns(tx, context)).size() == 200 * 5 + 199 * 2);
    CHECK(catalog::read_views(tx, context).empty());
    auto constraints =
        named_constraints(catalog::read_constraints(tx, context), catalog::read_columns(tx, context));
    auto count_kind = [&](model::ConstraintKind kind) {
        return std::count_if(constraints.begin(), constraints.end(),
                             [&](const auto& c) { return c.kind == kind; });
    };
    CHECK(count_kind(model::ConstraintKind::primary_key) == 200);
    CHECK(count_kind(model::ConstraintKind::check) == 200);
    CHECK(count_kind(model::ConstraintKind::foreign_key) == 199 * 2);
    CHECK(catalog::read_indexes(tx, context).size() == 200);
    CHECK(catalog::read_triggers(tx, context).empty());
    CHECK(catalog::read_policies(tx, context).empty());
    auto edges = catalog::read_dependencies(tx, context);
    auto foreign_key_edges =
        std::count_if(edges.begin(), edges.end(), [](const model::Dependency& d) {
            return d.from.kind == Kind::constraint && d.to.kind == Kind::constraint;
        });
    CHECK(foreign_key_edges == 199 * 2);
}
