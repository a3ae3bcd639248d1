// `driftless inspect` output as a whole: quoted names and the file names made from them,
// deterministic rendering, and files that driftless's own parser accepts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "inspect/schema_writer.hpp"
#include "parser/schema_parser.hpp"
#include "unit/schema_writer_fixtures.hpp"

using namespace driftless;
using namespace driftless::testing::schema_writer_fixtures;
using driftless::inspect::render_schema_files;
using model::QualifiedName;

TEST_CASE("names that need quotes are quoted in SQL and made safe in file names",
          "[unit][inspect]") {
    QualifiedName user{"Sales Data", "user"};
    QualifiedName mixed{"Sales Data", "Order \"Items\""};
    QualifiedName unicode{"Sales Data", "größe"};
    auto pk =
        constraint(user, "User PK", model::ConstraintKind::primary_key, "PRIMARY KEY (\"ID\")");
    pk.comment = "it's the key";
    auto fk = constraint(mixed, "select", model::ConstraintKind::foreign_key,
                         "FOREIGN KEY (\"user\") REFERENCES \"Sales Data\".\"user\"(\"ID\")");
    model::Schema schema;
    schema.schemas = {{"Sales Data", "Umsätze", {}}};
    schema.tables = {table(user, {column("ID", "integer", true), column("order", "text"),
                                  column("name", "text")}),
                     table(mixed, {column("user", "integer"), column("line no", "integer")}),
                     table(unicode, {column("maß", "\"Sales Data\".\"Größe\"")})};
    schema.constraints = {fk, pk};
    auto files = render_schema_files(schema);
    CHECK(file(files, "schemas.sql") == R"SQL(-- schemas

CREATE SCHEMA "Sales Data";

COMMENT ON SCHEMA "Sales Data" IS 'Umsätze';
)SQL");
    CHECK(file(files, "Sales_Data/tables/user.sql") == R"SQL(-- table "Sales Data"."user"

CREATE TABLE "Sales Data"."user" (
    "ID" integer NOT NULL,
    "order" text,
    name text,
    CONSTRAINT "User PK" PRIMARY KEY ("ID")
);

COMMENT ON CONSTRAINT "User PK" ON "Sales Data"."user" IS 'it''s the key';
)SQL");
    CHECK(file(files, "Sales_Data/tables/Order__Items_.sql") ==
          R"SQL(-- table "Sales Data"."Order ""Items"""

CREATE TABLE "Sales Data"."Order ""Items""" (
    "user" integer,
    "line no" integer
);

ALTER TABLE "Sales Data"."Order ""Items""" ADD CONSTRAINT "select" FOREIGN KEY ("user") REFERENCES "Sales Data"."user"("ID");
)SQL");
    CHECK(file(files, "Sales_Data/tables/gr__e.sql") == R"SQL(-- table "Sales Data"."größe"

CREATE TABLE "Sales Data"."größe" (
    "maß" "Sales Data"."Größe"
);
)SQL");
}

TEST_CASE("file names that collide, also ignoring case, are numbered deterministically",
          "[unit][inspect]") {
    model::Schema schema;
    for (const char* name : {"Users", "users", "users_2", "us/ers", "üsers", ".hidden", ""}) {
        schema.tables.push_back(table({"app", name}, {column("id", "integer")}));
    }
    std::vector<std::string> paths;
    for (const auto& [path, _] : render_schema_files(schema)) paths.push_back(path);
    // "users" is the name its file is named after; "users_2" keeps its own name, so the
    // numbered ones skip it.
    CHECK(paths == std::vector<std::string>{"app/tables/Users_3.sql", "app/tables/_.sql",
                                            "app/tables/_hidden.sql", "app/tables/_sers.sql",
                                            "app/tables/us_ers.sql", "app/tables/users.sql",
                                            "app/tables/users_2.sql"});
}

namespace {

// A bit of everything, for the properties that hold for whole outputs.
model::Schema rich_schema() {
    model::Schema schema;
    schema.schemas = {{"app", "the application", {}}, {"Audit Log", std::nullopt, {}}};
    schema.extensions = {{"citext", "app", "1.6"}};
    schema.enums = {{{"app", "state"}, {"new", "done"}, std::nullopt, {}}};
    model::Domain email;
    email.name = {"app", "email"};
    email.base_type = "app.citext";
    email.checks = {{"email_check", "CHECK ((VALUE ~ '@'::app.citext))", true}};
    schema.domains = {email};
    model::Sequence numbers;
    numbers.name = {"app", "numbers"};
    numbers.options.max_value = bigint_max;
    schema.sequences = {numbers};

    QualifiedName users{"app", "users"}, orders{"app", "orders"}, entries{"Audit Log", "Entries"};
    auto id = column("id", "bigint", true);
    id.identity = model::Identity::always;
    id.identity_options = model::SequenceOptions{"bigint", 1, 1, 1, bigint_max, 1, false};
    auto mail = column("email", "app.email", true);
    mail.comment = "login";
    schema.tables.push_back(table(users, {id, mail, column("state", "app.state")}));
    auto order_id = id;
    schema.tables.push_back(
        table(orders, {order_id, column("user_id", "bigint", true), column("day", "date", true)}));
    schema.tables.back().kind = model::TableKind::partitioned;
    schema.tables.back().partition_key = "RANGE (day)";
    auto part = table({"app", "orders_2024"}, schema.tables.back().columns);
    for (auto& c : part.columns) {
        c.inherited = true;
        c.identity = model::Identity::none;
        c.identity_options.reset();
    }
    part.partition_of = orders;
    part.partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
    schema.tables.push_back(part);
    schema.tables.push_back(
        table(entries, {column("at", "timestamp with time zone"), column("What", "text")}));
    schema.tables.back().row_security = true;

    auto fk = constraint(orders, "orders_user_id_fkey", model::ConstraintKind::foreign_key,
                         "FOREIGN KEY (user_id) REFERENCES app.users(id)");
    fk.references = users;
    schema.constraints = {
        constraint(users, "users_pkey", model::ConstraintKind::primary_key, "PRIMARY KEY (id)"),
        constraint(users, "users_email_key", model::ConstraintKind::unique, "UNIQUE (email)"),
        constraint(orders, "orders_pkey", model::ConstraintKind::primary_key,
                   "PRIMARY KEY (id, day)"),
        fk};
    schema.indexes = {
        index(orders, "orders_user_id_idx",
              "CREATE INDEX orders_user_id_idx ON ONLY app.orders USING btree (user_id)")};
    model::Policy recent;
    recent.table = entries;
    recent.name = "recent";
    recent.using_expression = "(at > (now() - '1 day'::interval))";
    schema.policies = {recent};
    model::Function touch;
    touch.name = {"app", "touch"};
    touch.result = "trigger";
    touch.language = "plpgsql";
    touch.definition =
        "CREATE OR REPLACE FUNCTION app.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n"
        "AS $function$BEGIN RETURN NEW; END$function$\n";
    schema.functions = {touch};
    model::Trigger trigger;
    trigger.table = users;
    trigger.name = "touch";
    trigger.definition =
        "CREATE TRIGGER touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch()";
    trigger.function = touch.name;
    schema.triggers = {trigger};
    model::View view;
    view.name = {"app", "open_orders"};
    view.materialized = true;
    view.definition = " SELECT orders.id\n   FROM app.orders;";
    schema.views = {view};
    schema.indexes.push_back(
        index(view.name, "open_orders_id_idx",
              "CREATE UNIQUE INDEX open_orders_id_idx ON app.open_orders USING btree (id)"));
    return schema;
}

}  // namespace

TEST_CASE("rendering is deterministic and independent of list order", "[unit][inspect]") {
    auto schema = rich_schema();
    auto first = render_schema_files(schema);
    CHECK(render_schema_files(schema) == first);
    auto shuffled = schema;
    std::reverse(shuffled.schemas.begin(), shuffled.schemas.end());
    std::reverse(shuffled.tables.begin(), shuffled.tables.end());
    std::reverse(shuffled.constraints.begin(), shuffled.constraints.end());
    std::reverse(shuffled.indexes.begin(), shuffled.indexes.end());
    CHECK(render_schema_files(shuffled) == first);
    std::vector<std::string> paths;
    for (const auto& [path, _] : first) paths.push_back(path);
    CHECK(paths == std::vector<std::string>{"Audit_Log/tables/Entries.sql",
                                            "app/functions/touch.sql", "app/sequences.sql",
                                            "app/tables/orders.sql", "app/tables/users.sql",
                                            "app/types.sql", "app/views/open_orders.sql",
                                            "extensions.sql", "schemas.sql"});
}

TEST_CASE("every written file is accepted by driftless's own schema parser", "[unit][inspect]") {
    for (const auto& [path, text] : render_schema_files(rich_schema())) {
        INFO(path << "\n" << text);
        auto parsed = parser::parse_file({path, text});
        for (const auto& diagnostic : parsed.diagnostics) UNSCOPED_INFO(diagnostic.format());
        CHECK(parsed.diagnostics.empty());
        CHECK(text.starts_with("-- "));
        CHECK(text.ends_with(";\n"));
    }
}
