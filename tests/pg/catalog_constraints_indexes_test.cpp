// The catalog readers for constraints and indexes, against a real server: exact definitions as
// the server renders them, and what partitions and inheritance children inherit.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "catalog/readers.hpp"
#include "pg/catalog_test_support.hpp"

using namespace driftless;
using namespace driftless::testing::catalog_support;

namespace {

const model::Constraint& constraint_named(const std::vector<model::Constraint>& constraints,
                                          const std::string& table, const std::string& name) {
    return find(
        constraints,
        [&](const model::Constraint& c) {
            return c.table == model::QualifiedName{"app", table} && c.name == name;
        },
        table + "." + name);
}

std::vector<std::string> names_on(const auto& items, const std::string& table) {
    std::vector<std::string> names;
    for (const auto& item : items)
        if (item.table == model::QualifiedName{"app", table}) names.push_back(item.name);
    return names;
}

}  // namespace

TEST_CASE("read_constraints: keys, foreign keys, checks, exclusions, inherited on partitions",
          "[pg][catalog]") {
    Fixture fx(std::string(fixture_sql) +
               "CREATE TABLE app.refs (id bigint, at date, FOREIGN KEY (id, at) REFERENCES "
               "app.events (id, at));"
               // Key order unlike column order, past a dropped column: named by attnum.
               "CREATE TABLE app.keyed (gone int, a int, b int, c int);"
               "ALTER TABLE app.keyed DROP COLUMN gone;"
               "ALTER TABLE app.keyed ADD CONSTRAINT keyed_c_a_key UNIQUE (c, a);");
    auto constraints = read_named_constraints(fx);

    CHECK(names_on(constraints, "accounts") ==
          std::vector<std::string>{"accounts_balance_check", "accounts_during_excl",
                                   "accounts_email_key", "accounts_pkey"});

    const auto& pkey = constraint_named(constraints, "accounts", "accounts_pkey");
    CHECK(pkey.kind == model::ConstraintKind::primary_key);
    CHECK(pkey.definition == "PRIMARY KEY (id)");
    CHECK(pkey.columns == std::vector<std::string>{"id"});
    CHECK_FALSE(pkey.references);
    CHECK(pkey.validated);
    CHECK_FALSE(pkey.inherited);

    const auto& unique = constraint_named(constraints, "accounts", "accounts_email_key");
    CHECK(unique.kind == model::ConstraintKind::unique);
    CHECK(unique.definition == "UNIQUE (email)");

    const auto& check = constraint_named(constraints, "accounts", "accounts_balance_check");
    CHECK(check.kind == model::ConstraintKind::check);
    CHECK(check.definition == "CHECK ((balance >= (0)::numeric))");
    CHECK(check.columns == std::vector<std::string>{"balance"});

    const auto& exclusion = constraint_named(constraints, "accounts", "accounts_during_excl");
    CHECK(exclusion.kind == model::ConstraintKind::exclusion);
    CHECK(exclusion.definition == "EXCLUDE USING gist (during WITH &&)");
    CHECK(exclusion.columns == std::vector<std::string>{"during"});

    const auto& fk = constraint_named(constraints, "orders", "orders_account_fk");
    CHECK(fk.kind == model::ConstraintKind::foreign_key);
    CHECK(fk.definition ==
          "FOREIGN KEY (account_id) REFERENCES app.accounts(id) ON DELETE CASCADE DEFERRABLE "
          "INITIALLY DEFERRED "
          "NOT VALID");
    CHECK(fk.columns == std::vector<std::string>{"account_id"});
    CHECK(fk.references == model::QualifiedName{"app", "accounts"});
    CHECK(fk.deferrable);
    CHECK(fk.initially_deferred);
    CHECK_FALSE(fk.validated);
    CHECK(fk.comment == "owner");

    CHECK(constraint_named(constraints, "keyed", "keyed_c_a_key").columns ==
          std::vector<std::string>{"c", "a"});

    const auto& events_pkey = constraint_named(constraints, "events", "events_pkey");
    CHECK(events_pkey.columns == std::vector<std::string>{"id", "at"});
    CHECK_FALSE(events_pkey.inherited);
    CHECK_FALSE(constraint_named(constraints, "events", "events_account_fk").inherited);

    // Partitions: everything cloned from the parent, or merged into it at ATTACH (even under
    // the partition's own name), is inherited.
    for (const std::string partition : {"events_2024", "events_2025"}) {
        INFO(partition);
        for (const auto& constraint : constraints)
            if (constraint.table == model::QualifiedName{"app", partition})
                CHECK(constraint.inherited);
    }
    CHECK(names_on(constraints, "events_2024") ==
          std::vector<std::string>{"events_2024_pkey", "events_account_fk", "events_note_check"});
    CHECK(names_on(constraints, "events_2025") ==
          std::vector<std::string>{"events_2025_pk", "events_account_fk", "events_note_check"});
    CHECK(constraint_named(constraints, "events_2024", "events_account_fk").references ==
          model::QualifiedName{"app", "accounts"});

    // A foreign key to a partitioned table gets one server-made companion per partition on the
    // referencing table; they come with the key and are inherited as well.
    CHECK(names_on(constraints, "refs") ==
          std::vector<std::string>{"refs_id_at_fkey", "refs_id_at_fkey1", "refs_id_at_fkey2"});
    CHECK_FALSE(constraint_named(constraints, "refs", "refs_id_at_fkey").inherited);
    CHECK(constraint_named(constraints, "refs", "refs_id_at_fkey").references ==
          model::QualifiedName{"app", "events"});
    CHECK(constraint_named(constraints, "refs", "refs_id_at_fkey1").inherited);
    CHECK(constraint_named(constraints, "refs", "refs_id_at_fkey1").references ==
          model::QualifiedName{"app", "events_2024"});

    // Plain inheritance: the child's copy of the parent's check is inherited too.
    CHECK(constraint_named(constraints, "child", "parent_a_check").inherited);
    CHECK_FALSE(constraint_named(constraints, "parent", "parent_a_check").inherited);
}

TEST_CASE(
    "read_indexes: constraint indexes left out, partial, expression, INCLUDE and DESC, partitions, "
    "invalid",
    "[pg][catalog]") {
    Fixture fx(fixture_sql);
    {
        // A failed CONCURRENTLY build leaves an invalid index behind.
        auto session = fx.db.connect();
        session.execute("INSERT INTO app.scratch VALUES (1), (1)");
        CHECK_THROWS(
            session.execute("CREATE UNIQUE INDEX CONCURRENTLY scratch_a_key ON app.scratch (a)"));
    }
    auto indexes = fx.read(catalog::read_indexes);

    std::vector<std::string> names;
    for (const auto& index : indexes) names.push_back(index.table.name + "." + index.name);
    CHECK(names == std::vector<std::string>{"accounts.accounts_lower_email", "events.events_note",
                                            "events_2024.events_2024_note_idx",
                                            "events_2025.events_2025_note",
                                            "orders.orders_amount_partial", "scratch.scratch_a_key",
                                            "totals.totals_idx"});

    auto named = [&](const std::string& name) -> const model::Index& {
        return find(
            indexes, [&](const model::Index& i) { return i.name == name; }, name);
    };
    CHECK(named("accounts_lower_email").definition ==
          "CREATE INDEX accounts_lower_email ON app.accounts USING btree (lower((email)::text))");
    const auto& partial = named("orders_amount_partial");
    CHECK(partial.definition ==
          "CREATE INDEX orders_amount_partial ON app.orders USING btree (amount DESC) INCLUDE "
          "(account_id) "
          "WHERE (amount > 10)");
    CHECK_FALSE(partial.unique);
    CHECK(partial.valid);
    CHECK(partial.comment == "big orders");
    CHECK_FALSE(partial.partition_parent);

    CHECK(named("events_note").definition ==
          "CREATE INDEX events_note ON ONLY app.events USING btree (note)");
    CHECK_FALSE(named("events_note").partition_parent);
    CHECK(named("events_2024_note_idx").partition_parent ==
          model::QualifiedName{"app", "events_note"});
    CHECK(named("events_2025_note").partition_parent == model::QualifiedName{"app", "events_note"});
    CHECK(named("totals_idx").table == model::QualifiedName{"app", "totals"});
    CHECK(named("scratch_a_key").unique);
    CHECK_FALSE(named("scratch_a_key").valid);
}
