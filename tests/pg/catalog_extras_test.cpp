// The catalog readers for replica identity, per-column statistics targets and options,
// extended statistics, rules, and comments on domain constraints and composite type
// attributes, against a real server; and what `inspect` writes for them.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/read_schema.hpp"
#include "catalog/readers.hpp"
#include "inspect/schema_writer.hpp"
#include "parser/source_files.hpp"
#include "pg/catalog_test_support.hpp"

using namespace driftless;
using namespace driftless::testing::catalog_support;

namespace {

constexpr const char* extras_sql = R"SQL(
CREATE SCHEMA app;
CREATE SCHEMA "Stats ""S""";
CREATE TABLE app.plain (id int PRIMARY KEY, a int, b text);
CREATE TABLE app.full_t (id int, a int);
ALTER TABLE app.full_t REPLICA IDENTITY FULL;
CREATE TABLE app.nothing_t (id int);
ALTER TABLE app.nothing_t REPLICA IDENTITY NOTHING;
CREATE TABLE app."Keyed" (id int NOT NULL, code text NOT NULL, note text);
CREATE UNIQUE INDEX "Keyed Code" ON app."Keyed" (code);
ALTER TABLE app."Keyed" REPLICA IDENTITY USING INDEX "Keyed Code";
CREATE TABLE app.lost (id int NOT NULL);
CREATE UNIQUE INDEX lost_id ON app.lost (id);
ALTER TABLE app.lost REPLICA IDENTITY USING INDEX lost_id;
DROP INDEX app.lost_id;

ALTER TABLE app.plain ALTER COLUMN a SET STATISTICS 250;
ALTER TABLE app.plain ALTER COLUMN b SET (n_distinct = -0.25);
ALTER TABLE app."Keyed" ALTER COLUMN code SET STATISTICS 0;
CREATE TABLE app.events (id int, at date) PARTITION BY RANGE (at);
ALTER TABLE app.events ALTER COLUMN id SET STATISTICS 800;
ALTER TABLE app.events ALTER COLUMN at SET (n_distinct_inherited = 50);
CREATE TABLE app.events_1 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE STATISTICS app.plain_ab (ndistinct, dependencies) ON a, b FROM app.plain;
CREATE STATISTICS "Stats ""S"""."Plain Expr" ON (a + 1), (lower(b)) FROM app.plain;
COMMENT ON STATISTICS app.plain_ab IS 'a and b';
CREATE STATISTICS app.keyed_all ON id, code FROM app."Keyed";
CREATE MATERIALIZED VIEW app.totals AS SELECT a, count(*) AS n FROM app.plain GROUP BY a;
CREATE STATISTICS app.totals_an ON a, n FROM app.totals;

CREATE TABLE app.audit (id int, what text);
CREATE RULE "Plain Audit" AS ON UPDATE TO app.plain
  DO ALSO INSERT INTO app.audit VALUES (new.id, 'update');
CREATE RULE plain_keep AS ON DELETE TO app.plain WHERE old.id < 0 DO INSTEAD NOTHING;
ALTER TABLE app.plain DISABLE RULE plain_keep;
COMMENT ON RULE "Plain Audit" ON app.plain IS 'log updates';
CREATE RULE audit_replica AS ON INSERT TO app.audit DO ALSO NOTIFY audit;
ALTER TABLE app.audit ENABLE REPLICA RULE audit_replica;
CREATE VIEW app.plain_view AS SELECT id, a FROM app.plain;
CREATE RULE plain_view_insert AS ON INSERT TO app.plain_view
  DO INSTEAD INSERT INTO app.plain (id, a) VALUES (new.id, new.a);

CREATE DOMAIN app.small AS int CONSTRAINT "Small Max" CHECK (VALUE < 100)
  CONSTRAINT small_min CHECK (VALUE > 0);
COMMENT ON CONSTRAINT "Small Max" ON DOMAIN app.small IS 'under a hundred';
CREATE TYPE app.pt AS (x int, "Y Axis" int, z int);
COMMENT ON COLUMN app.pt.x IS 'across';
COMMENT ON COLUMN app.pt."Y Axis" IS 'up';
)SQL";

const model::Table& table_named(const std::vector<model::Table>& tables, const std::string& name) {
    return find(
        tables, [&](const model::Table& t) { return t.name == model::QualifiedName{"app", name}; },
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

bool contains_line(const std::string& text, const std::string& line) {
    INFO(text);
    return text.find(line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("read_tables: replica identity default, full, nothing, using an index",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto tables = fx.read(catalog::read_tables);
    using model::ReplicaIdentity;
    CHECK(table_named(tables, "plain").replica_identity == ReplicaIdentity::default_key);
    CHECK_FALSE(table_named(tables, "plain").replica_identity_index);
    CHECK(table_named(tables, "full_t").replica_identity == ReplicaIdentity::full);
    CHECK(table_named(tables, "nothing_t").replica_identity == ReplicaIdentity::nothing);
    const auto& keyed = table_named(tables, "Keyed");
    CHECK(keyed.replica_identity == ReplicaIdentity::index);
    CHECK(keyed.replica_identity_index == "Keyed Code");
    // relreplident stays 'i' when the index is dropped; the server then behaves as NOTHING.
    CHECK(fx.db.scalar("SELECT relreplident FROM pg_class WHERE oid = 'app.lost'::regclass") ==
          "i");
    CHECK(table_named(tables, "lost").replica_identity == ReplicaIdentity::nothing);
    CHECK_FALSE(table_named(tables, "lost").replica_identity_index);
    CHECK(table_named(tables, "events_1").replica_identity == ReplicaIdentity::default_key);
}

TEST_CASE("read_columns: statistics targets and attribute options, per table", "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto columns = read_flat_columns(fx);
    CHECK(column_of(columns, "plain", "a").statistics_target == 250);
    CHECK_FALSE(column_of(columns, "plain", "a").statistics_target == std::nullopt);
    CHECK(column_of(columns, "plain", "a").options.empty());
    CHECK_FALSE(column_of(columns, "plain", "id").statistics_target);
    CHECK(column_of(columns, "plain", "id").options.empty());
    CHECK(column_of(columns, "plain", "b").options == std::vector<std::string>{"n_distinct=-0.25"});
    CHECK(column_of(columns, "Keyed", "code").statistics_target == 0);  // 0 is not the default
    CHECK(column_of(columns, "events", "id").statistics_target == 800);
    CHECK(column_of(columns, "events", "at").options ==
          std::vector<std::string>{"n_distinct_inherited=50"});
    // A partition created after its parent's settings does not copy them.
    CHECK_FALSE(column_of(columns, "events_1", "id").statistics_target);
    CHECK(column_of(columns, "events_1", "at").options.empty());
}

TEST_CASE("read_statistics: definitions, own schema, expressions, matviews, comment, order",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto statistics = fx.read(catalog::read_statistics);
    REQUIRE(statistics.size() == 4);
    // By table, then by the statistics object's own qualified name (byte order).
    CHECK(statistics[0].table == model::QualifiedName{"app", "Keyed"});
    CHECK(statistics[0].name == model::QualifiedName{"app", "keyed_all"});
    CHECK(statistics[0].definition ==
          "CREATE STATISTICS app.keyed_all ON id, code FROM app.\"Keyed\"");
    CHECK_FALSE(statistics[0].comment);

    CHECK(statistics[1].table == model::QualifiedName{"app", "plain"});
    CHECK(statistics[1].name == model::QualifiedName{"Stats \"S\"", "Plain Expr"});
    CHECK(statistics[1].definition ==
          "CREATE STATISTICS \"Stats \"\"S\"\"\".\"Plain Expr\" ON (a + 1), lower(b) FROM app.plain");

    CHECK(statistics[2].name == model::QualifiedName{"app", "plain_ab"});
    CHECK(statistics[2].definition ==
          "CREATE STATISTICS app.plain_ab (ndistinct, dependencies) ON a, b FROM app.plain");
    CHECK(statistics[2].comment == "a and b");

    CHECK(statistics[3].table == model::QualifiedName{"app", "totals"});
    CHECK(statistics[3].name == model::QualifiedName{"app", "totals_an"});
}

TEST_CASE("read_rules: tables' and views' rules, no _RETURN, event, instead, enabled, comment",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto rules = fx.read(catalog::read_rules);
    std::vector<std::string> names;
    for (const auto& rule : rules) names.push_back(rule.table.name + "." + rule.name);
    CHECK(names == std::vector<std::string>{"audit.audit_replica", "plain.Plain Audit",
                                            "plain.plain_keep", "plain_view.plain_view_insert"});

    const auto& replica = rules.at(0);
    CHECK(replica.event == model::RuleEvent::insert);
    CHECK_FALSE(replica.instead);
    CHECK(replica.enabled == 'R');

    const auto& audit = rules.at(1);
    CHECK(audit.table == model::QualifiedName{"app", "plain"});
    CHECK(audit.event == model::RuleEvent::update);
    CHECK_FALSE(audit.instead);
    CHECK(audit.enabled == 'O');
    CHECK(audit.comment == "log updates");
    CHECK(audit.definition ==
          "CREATE RULE \"Plain Audit\" AS\n    ON UPDATE TO app.plain DO  INSERT INTO app.audit "
          "(id, what)\n  VALUES (new.id, 'update'::text);");

    const auto& keep = rules.at(2);
    CHECK(keep.event == model::RuleEvent::delete_);
    CHECK(keep.instead);
    CHECK(keep.enabled == 'D');
    CHECK(keep.definition ==
          "CREATE RULE plain_keep AS\n    ON DELETE TO app.plain\n   WHERE (old.id < 0) DO "
          "INSTEAD NOTHING;");
    CHECK_FALSE(keep.comment);

    CHECK(rules.at(3).table == model::QualifiedName{"app", "plain_view"});
    CHECK(rules.at(3).instead);
}

TEST_CASE("read_domains and read_composite_types: comments on checks and attributes",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto domains = fx.read(catalog::read_domains);
    REQUIRE(domains.size() == 1);
    REQUIRE(domains[0].checks.size() == 2);
    CHECK(domains[0].checks[0].name == "Small Max");
    CHECK(domains[0].checks[0].comment == "under a hundred");
    CHECK(domains[0].checks[1].name == "small_min");
    CHECK_FALSE(domains[0].checks[1].comment);

    auto types = fx.read(catalog::read_composite_types);
    REQUIRE(types.size() == 1);
    REQUIRE(types[0].attributes.size() == 3);
    CHECK(types[0].attributes[0].comment == "across");
    CHECK(types[0].attributes[1].name == "Y Axis");
    CHECK(types[0].attributes[1].comment == "up");
    CHECK_FALSE(types[0].attributes[2].comment);
}

TEST_CASE("read_dependencies: rules and statistics objects depend on their tables",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto edges = fx.read(catalog::read_dependencies);
    model::QualifiedName plain{"app", "plain"};
    model::ObjectId audit_rule{Kind::rule, {"app", "Plain Audit"}, plain, {}};
    CHECK(has_edge(edges, audit_rule, {Kind::table, plain, {}, {}}));
    CHECK(has_edge(edges, audit_rule, {Kind::table, {"app", "audit"}, {}, {}}));
    model::ObjectId view_rule{Kind::rule, {"app", "plain_view_insert"}, {"app", "plain_view"}, {}};
    CHECK(has_edge(edges, view_rule, {Kind::view, {"app", "plain_view"}, {}, {}}));
    CHECK(has_edge(edges, view_rule, {Kind::table, plain, {}, {}}));
    CHECK(has_edge(edges, {Kind::statistics, {"Stats \"S\"", "Plain Expr"}, plain, {}},
                   {Kind::table, plain, {}, {}}));
    CHECK(has_edge(edges, {Kind::statistics, {"app", "totals_an"}, {"app", "totals"}, {}},
                   {Kind::materialized_view, {"app", "totals"}, {}, {}}));
    // No view's _RETURN rule shows up as a rule.
    CHECK(std::none_of(edges.begin(), edges.end(), [](const model::Dependency& d) {
        return d.from.kind == Kind::rule && d.from.name.name == "_RETURN";
    }));
}

TEST_CASE("read_schema: excluding a table drops its rules and statistics, --schema scopes them",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto all = catalog::read_schema(fx.db.conninfo());
    CHECK(all.statistics.size() == 4);
    CHECK(all.rules.size() == 4);

    catalog::ReadOptions options;
    options.exclude_patterns = {"app.plain"};
    auto without = catalog::read_schema(fx.db.conninfo(), options);
    CHECK(without.statistics.size() == 2);
    CHECK(std::none_of(without.rules.begin(), without.rules.end(),
                       [](const model::Rule& r) { return r.table.name == "plain"; }));

    // The statistics object in "Stats ""S""" is out of scope with its schema.
    catalog::ReadOptions app_only;
    app_only.schemas = {"app"};
    auto scoped = catalog::read_schema(fx.db.conninfo(), app_only);
    CHECK(scoped.statistics.size() == 3);
}

TEST_CASE("inspect writes replica identity, column settings, statistics, rules and comments",
          "[pg][catalog]") {
    Fixture fx(extras_sql);
    auto files = inspect::render_schema_files(catalog::read_schema(fx.db.conninfo()));
    const std::string& plain = files.at("app/tables/plain.sql");
    CHECK(contains_line(plain, "ALTER TABLE ONLY app.plain ALTER COLUMN a SET STATISTICS 250;"));
    CHECK(contains_line(plain,
                        "ALTER TABLE ONLY app.plain ALTER COLUMN b SET (n_distinct='-0.25');"));
    CHECK(contains_line(plain, "CREATE STATISTICS app.plain_ab (ndistinct, dependencies) ON a, "
                               "b FROM app.plain;"));
    CHECK(contains_line(plain, "ALTER TABLE app.plain DISABLE RULE plain_keep;"));
    CHECK(contains_line(plain, "COMMENT ON RULE \"Plain Audit\" ON app.plain IS 'log updates';"));
    CHECK(contains_line(plain, "COMMENT ON STATISTICS app.plain_ab IS 'a and b';"));
    CHECK(contains_line(files.at("app/tables/Keyed.sql"),
                        "ALTER TABLE app.\"Keyed\" REPLICA IDENTITY USING INDEX \"Keyed Code\";"));
    CHECK(contains_line(files.at("app/tables/full_t.sql"),
                        "ALTER TABLE app.full_t REPLICA IDENTITY FULL;"));
    CHECK(contains_line(files.at("app/tables/lost.sql"),
                        "ALTER TABLE app.lost REPLICA IDENTITY NOTHING;"));
    CHECK(contains_line(files.at("app/tables/audit.sql"),
                        "ALTER TABLE app.audit ENABLE REPLICA RULE audit_replica;"));
    CHECK(plain.find("REPLICA IDENTITY") == std::string::npos);
    CHECK(contains_line(files.at("app/views/totals.sql"),
                        "CREATE STATISTICS app.totals_an ON a, n FROM app.totals;"));
    const std::string& view = files.at("app/views/plain_view.sql");
    CHECK(view.find("CREATE RULE plain_view_insert AS") != std::string::npos);
    CHECK(view.find("ENABLE") == std::string::npos);
    const std::string& types = files.at("app/types.sql");
    CHECK(contains_line(types,
                        "COMMENT ON CONSTRAINT \"Small Max\" ON DOMAIN app.small IS 'under a "
                        "hundred';"));
    CHECK(contains_line(types, "COMMENT ON COLUMN app.pt.\"Y Axis\" IS 'up';"));
}

TEST_CASE("the round-trip fixture holds every kind added to the model", "[pg][catalog]") {
    // roundtrip_test.cpp proves the round trip; this proves the fixture exercises these kinds.
    auto fixture =
        std::filesystem::path(DRIFTLESS_SOURCE_DIR) / "tests/fixtures/roundtrip/everything.sql";
    Fixture fx(parser::read_source_file(fixture).text);
    auto schema = catalog::read_schema(fx.db.conninfo());
    CHECK(schema.statistics.size() == 5);
    CHECK(schema.rules.size() == 3);
    auto count_identity = [&](model::ReplicaIdentity identity) {
        return std::count_if(schema.tables.begin(), schema.tables.end(),
                             [&](const model::Table& t) { return t.replica_identity == identity; });
    };
    CHECK(count_identity(model::ReplicaIdentity::full) == 1);
    CHECK(count_identity(model::ReplicaIdentity::nothing) == 1);
    CHECK(count_identity(model::ReplicaIdentity::index) == 1);
    int targets = 0, options = 0;
    for (const auto& table : schema.tables) {
        for (const auto& column : table.columns) {
            targets += column.statistics_target ? 1 : 0;
            options += column.options.empty() ? 0 : 1;
        }
    }
    CHECK(targets == 5);  // email, "Order"."user" and its two partitions' copies, "select"
    CHECK(options == 2);
    const auto& domain = find(
        schema.domains, [](const model::Domain& d) { return d.name.name == "posint"; }, "posint");
    CHECK(domain.checks.at(0).comment == "must be positive");
    CHECK(schema.composite_types.at(0).attributes.at(3).comment == "free text");
}
