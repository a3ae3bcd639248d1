// The catalog read on several connections (large databases) must give exactly what one
// connection gives, every kind read once whichever connection reads it, and must still work
// when the server lets the role have one connection only: the workers then give their groups
// back to the first connection.
#include <catch2/catch.hpp>

#include "catalog/read_schema.hpp"
#include "support/synthetic_schema.hpp"
#include "support/test_server.hpp"

using namespace driftless;

TEST_CASE("catalog read: parallel equals serial, and one connection slot is enough",
          "[pg][catalog][scale]") {
    testing::TestDatabase database;
    {
        auto session = database.connect();
        testing::SyntheticOptions options;
        options.tables = 1000;  // pg_class past the size that turns the parallel read on
        auto statements = testing::synthetic_statements(options);
        // In batches: one transaction creating 1,000 tables and their indexes runs out of
        // lock slots.
        for (std::size_t i = 0; i < statements.size(); i += 500) {
            auto end = std::min(statements.size(), i + 500);
            session.execute(testing::as_script({statements.begin() + static_cast<long>(i),
                                                statements.begin() + static_cast<long>(end)}));
        }
        // One object of each of the smaller kinds, which the groups spread over both
        // connections (the generated schema has tables and identity sequences only).
        session.execute(R"SQL(
            CREATE SCHEMA shared_kinds;
            CREATE TABLE shared_kinds.item (id int PRIMARY KEY, a int, b int);
            CREATE SEQUENCE shared_kinds.ticket;
            CREATE FUNCTION shared_kinds.touch() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER item_touch BEFORE UPDATE ON shared_kinds.item
                FOR EACH ROW EXECUTE FUNCTION shared_kinds.touch();
            CREATE VIEW shared_kinds.item_ids AS SELECT id FROM shared_kinds.item;
            CREATE MATERIALIZED VIEW shared_kinds.item_count AS SELECT count(*) FROM shared_kinds.item;
            CREATE RULE item_no_delete AS ON DELETE TO shared_kinds.item DO INSTEAD NOTHING;
            CREATE STATISTICS shared_kinds.item_ab ON a, b FROM shared_kinds.item;
            ALTER TABLE shared_kinds.item ENABLE ROW LEVEL SECURITY;
            CREATE POLICY item_all ON shared_kinds.item USING (true);
        )SQL");
        session.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'one_slot') THEN "
            "CREATE ROLE one_slot LOGIN CONNECTION LIMIT 1; END IF; END $$");
    }

    catalog::ReadOptions serial_options;
    serial_options.parallel = false;
    catalog::ReadReport serial_report, parallel_report, one_slot_report;
    model::Schema serial = catalog::read_schema(database.conninfo(), serial_options, serial_report);
    model::Schema parallel = catalog::read_schema(database.conninfo(), {}, parallel_report);
    CHECK(serial_report.connections == 1);
    CHECK(parallel_report.connections > 1);
    CHECK(serial.tables.size() == 1001);
    CHECK(serial.constraints.size() > 3000);
    CHECK(parallel == serial);
    // Every kind was read by one connection: none lost, none read twice.
    CHECK(parallel.sequences.size() == 1);
    CHECK(parallel.functions.size() == 1);
    CHECK(parallel.triggers.size() == 1);
    CHECK(parallel.views.size() == 2);
    CHECK(parallel.rules.size() == 1);
    CHECK(parallel.statistics.size() == 1);
    CHECK(parallel.policies.size() == 1);

    // Without the dependency edges (as `inspect` reads), the constraints come in two halves
    // from two connections (CHECK with the indexes, the others apart) and are merged: the
    // result must be the single query's list, in the same order.
    catalog::ReadOptions without_edges;
    without_edges.dependencies = false;
    without_edges.keep_connections = true;  // as inspect reads: closed after the files
    catalog::ReadReport halves_report;
    model::Schema halves = catalog::read_schema(database.conninfo(), without_edges, halves_report);
    CHECK(halves_report.connections > 1);
    REQUIRE(halves_report.open_connections.size() ==
            static_cast<std::size_t>(halves_report.connections));
    for (const auto& connection : halves_report.open_connections) CHECK(connection->is_open());
    CHECK(halves.constraints == serial.constraints);
    CHECK(halves.tables == serial.tables);
    CHECK(halves.indexes == serial.indexes);
    CHECK(halves.views == serial.views);
    CHECK(halves.functions == serial.functions);
    CHECK(halves.triggers == serial.triggers);
    CHECK(halves.policies == serial.policies);

    // Whichever connection wins the one slot, the read completes, serially.
    model::Schema one_slot =
        catalog::read_schema(database.conninfo() + " user=one_slot", {}, one_slot_report);
    CHECK(one_slot_report.connections == 1);
    CHECK(one_slot == serial);
}
