// `driftless inspect` output for everything but tables: views, materialized views, routines,
// types, schemas, extensions and sequences; hand-built models and the exact files written.
#include <catch2/catch.hpp>

#include "inspect/schema_writer.hpp"
#include "unit/schema_writer_fixtures.hpp"

using namespace driftless;
using namespace driftless::testing::schema_writer_fixtures;
using driftless::inspect::render_schema_files;
using model::QualifiedName;

TEST_CASE("a view with options, column comments and an INSTEAD OF trigger", "[unit][inspect]") {
    model::View view;
    view.name = {"app", "active_users"};
    view.definition = " SELECT u.id,\n    u.email\n   FROM app.users u\n  WHERE u.active;";
    view.columns = {"id", "email"};
    view.options = {"check_option=cascaded", "security_barrier=true"};
    view.comment = "users who can log in";
    view.column_comments = {{"email", "lower-cased"}};
    model::Trigger insert;
    insert.table = view.name;
    insert.name = "active_users_insert";
    insert.definition =
        "CREATE TRIGGER active_users_insert INSTEAD OF INSERT ON app.active_users FOR EACH ROW "
        "EXECUTE FUNCTION app.insert_user()";
    insert.comment = "writes through";
    model::Schema schema;
    schema.views = {view};
    schema.triggers = {insert};
    CHECK(file(render_schema_files(schema), "app/views/active_users.sql") ==
          R"SQL(-- view app.active_users

CREATE VIEW app.active_users WITH (security_barrier=true) AS
 SELECT u.id,
    u.email
   FROM app.users u
  WHERE u.active
  WITH CASCADED CHECK OPTION;

CREATE TRIGGER active_users_insert INSTEAD OF INSERT ON app.active_users FOR EACH ROW EXECUTE FUNCTION app.insert_user();

COMMENT ON VIEW app.active_users IS 'users who can log in';
COMMENT ON COLUMN app.active_users.email IS 'lower-cased';
COMMENT ON TRIGGER active_users_insert ON app.active_users IS 'writes through';
)SQL");
}

TEST_CASE("a materialized view with its indexes", "[unit][inspect]") {
    model::View view;
    view.name = {"app", "daily_totals"};
    view.materialized = true;
    view.with_data = false;
    view.definition =
        " SELECT orders.day,\n    sum(orders.total) AS total\n   FROM app.orders\n  GROUP BY "
        "orders.day;";
    view.options = {"fillfactor=90"};
    view.comment = "refreshed nightly";
    auto unique =
        index({"app", "daily_totals"}, "daily_totals_day_idx",
              "CREATE UNIQUE INDEX daily_totals_day_idx ON app.daily_totals USING btree (day)");
    unique.unique = true;
    unique.comment = "for REFRESH CONCURRENTLY";
    auto leftover =
        index({"app", "daily_totals"}, "daily_totals_total_idx",
              "CREATE INDEX daily_totals_total_idx ON app.daily_totals USING btree (total)");
    leftover.valid = false;  // a failed concurrent build is not part of the design
    model::Schema schema;
    schema.views = {view};
    schema.indexes = {unique, leftover};
    CHECK(file(render_schema_files(schema), "app/views/daily_totals.sql") ==
          R"SQL(-- materialized view app.daily_totals

CREATE MATERIALIZED VIEW app.daily_totals WITH (fillfactor=90) AS
 SELECT orders.day,
    sum(orders.total) AS total
   FROM app.orders
  GROUP BY orders.day
  WITH NO DATA;

CREATE UNIQUE INDEX daily_totals_day_idx ON app.daily_totals USING btree (day);

COMMENT ON MATERIALIZED VIEW app.daily_totals IS 'refreshed nightly';
COMMENT ON INDEX app.daily_totals_day_idx IS 'for REFRESH CONCURRENTLY';
)SQL");
}

TEST_CASE("routines: overloads share a file, comments carry the full signature",
          "[unit][inspect]") {
    model::Function by_id;
    by_id.name = {"app", "find_user"};
    by_id.arguments = "user_id bigint";
    by_id.result = "app.users";
    by_id.language = "sql";
    by_id.definition =
        "CREATE OR REPLACE FUNCTION app.find_user(user_id bigint)\n RETURNS app.users\n LANGUAGE "
        "sql\n STABLE\n"
        "AS $function$SELECT * FROM app.users WHERE id = user_id$function$\n";
    by_id.comment = "by key";
    auto by_email = by_id;
    by_email.arguments = "email text";
    by_email.definition =
        "CREATE OR REPLACE FUNCTION app.find_user(email text)\n RETURNS app.users\n LANGUAGE sql\n "
        "STABLE\n"
        "AS $function$SELECT * FROM app.users WHERE users.email = find_user.email$function$\n";
    by_email.comment.reset();
    model::Function archive;
    archive.name = {"app", "Archive"};
    archive.kind = model::RoutineKind::procedure;
    archive.arguments = "IN before date";
    archive.definition =
        "CREATE OR REPLACE PROCEDURE app.\"Archive\"(IN before date)\n LANGUAGE sql\n"
        "BEGIN ATOMIC\n DELETE FROM app.orders WHERE (orders.day < \"Archive\".before);\nEND\n";
    archive.comment = "moves old rows";
    model::Function count;
    count.name = {"app", "count_all"};
    count.kind = model::RoutineKind::aggregate;
    count.definition =
        "CREATE AGGREGATE app.count_all(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');";
    count.comment = "like count(*)";
    model::Schema schema;
    schema.functions = {archive, count, by_id, by_email};
    auto files = render_schema_files(schema);
    CHECK(file(files, "app/functions/find_user.sql") == R"SQL(-- function app.find_user

CREATE OR REPLACE FUNCTION app.find_user(email text)
 RETURNS app.users
 LANGUAGE sql
 STABLE
AS $function$SELECT * FROM app.users WHERE users.email = find_user.email$function$;

CREATE OR REPLACE FUNCTION app.find_user(user_id bigint)
 RETURNS app.users
 LANGUAGE sql
 STABLE
AS $function$SELECT * FROM app.users WHERE id = user_id$function$;
COMMENT ON FUNCTION app.find_user(user_id bigint) IS 'by key';
)SQL");
    CHECK(file(files, "app/functions/Archive.sql") == R"SQL(-- procedure app."Archive"

CREATE OR REPLACE PROCEDURE app."Archive"(IN before date)
 LANGUAGE sql
BEGIN ATOMIC
 DELETE FROM app.orders WHERE (orders.day < "Archive".before);
END;
COMMENT ON PROCEDURE app."Archive"(IN before date) IS 'moves old rows';
)SQL");
    CHECK(file(files, "app/functions/count_all.sql") == R"SQL(-- aggregate app.count_all

CREATE AGGREGATE app.count_all(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
COMMENT ON AGGREGATE app.count_all(*) IS 'like count(*)';
)SQL");
}

TEST_CASE("types: enums, domains, composites and ranges", "[unit][inspect]") {
    model::EnumType mood{{"app", "mood"}, {"sad", "it's ok", "happy"}, "how it went", {}};
    model::Domain positive;
    positive.name = {"app", "positive"};
    positive.base_type = "numeric(10,2)";
    positive.default_expression = "1";
    positive.not_null = true;
    positive.checks = {{"positive_check", "CHECK ((VALUE > (0)::numeric))", true},
                       {"positive_small", "CHECK ((VALUE < (1000)::numeric)) NOT VALID", false}};
    positive.comment = "money above zero";
    model::Domain code;
    code.name = {"app", "code"};
    code.base_type = "text";
    code.collation = "\"C\"";
    model::CompositeType address{
        {"app", "address"},
        {{"street", "text", std::nullopt}, {"zip", "character varying(10)", "public.\"fr-x-icu\""}},
        std::nullopt,
        {}};
    model::RangeType span;
    span.name = {"app", "floatrange"};
    span.subtype = "double precision";
    span.subtype_diff = "float8mi";
    span.multirange_name = "app.floatmultirange";  // PostgreSQL's own choice: not written
    model::RangeType period;
    period.name = {"app", "period"};
    period.subtype = "timestamp without time zone";
    period.multirange_name = "app.periods";
    period.comment = "half-open";
    model::Schema schema;
    schema.enums = {mood};
    schema.domains = {positive, code};
    schema.composite_types = {address};
    schema.range_types = {period, span};
    CHECK(file(render_schema_files(schema), "app/types.sql") == R"SQL(-- types in schema app

CREATE TYPE app.mood AS ENUM (
    'sad',
    'it''s ok',
    'happy'
);
COMMENT ON TYPE app.mood IS 'how it went';

CREATE DOMAIN app.code AS text
    COLLATE "C";

CREATE DOMAIN app.positive AS numeric(10,2)
    DEFAULT 1
    NOT NULL
    CONSTRAINT positive_check CHECK ((VALUE > (0)::numeric));
ALTER DOMAIN app.positive ADD CONSTRAINT positive_small CHECK ((VALUE < (1000)::numeric)) NOT VALID;
COMMENT ON DOMAIN app.positive IS 'money above zero';

CREATE TYPE app.address AS (
    street text,
    zip character varying(10) COLLATE public."fr-x-icu"
);

CREATE TYPE app.floatrange AS RANGE (
    subtype = double precision,
    subtype_diff = float8mi
);

CREATE TYPE app.period AS RANGE (
    subtype = timestamp without time zone,
    multirange_type_name = app.periods
);
COMMENT ON TYPE app.period IS 'half-open';
)SQL");
}

TEST_CASE("schemas, extensions and standalone sequences", "[unit][inspect]") {
    model::Schema schema;
    schema.schemas = {{"public", "standard public schema", {}},
                      {"app", std::nullopt, {"postgres=UC/postgres"}}};
    schema.extensions = {{"uuid-ossp", "public", "1.1"}, {"citext", "app", "1.6"}};
    model::Sequence counter;
    counter.name = {"app", "invoice_numbers"};
    counter.options.data_type = "integer";
    counter.options.start = 1000;
    counter.options.min_value = 1000;
    counter.options.max_value = 2147483647;
    counter.options.cache = 10;
    counter.comment = "no gaps wanted";
    model::Sequence countdown;
    countdown.name = {"app", "countdown"};
    countdown.options.data_type = "smallint";
    countdown.options.increment = -1;
    countdown.options.start = 100;
    countdown.options.min_value = 0;
    countdown.options.max_value = 100;
    countdown.options.cycle = true;
    countdown.unlogged = true;
    model::Sequence orphan;  // owned by a table that is not in the model: no OWNED BY
    orphan.name = {"app", "orphan_seq"};
    orphan.options.max_value = bigint_max;
    orphan.owned_by = model::SequenceOwner{{"app", "excluded"}, "id"};
    schema.sequences = {orphan, counter, countdown};
    auto files = render_schema_files(schema);
    CHECK(file(files, "schemas.sql") == R"SQL(-- schemas

CREATE SCHEMA app;

COMMENT ON SCHEMA public IS 'standard public schema';
)SQL");
    CHECK(file(files, "extensions.sql") == R"SQL(-- extensions

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA app VERSION '1.6';
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public VERSION '1.1';
)SQL");
    CHECK(file(files, "app/sequences.sql") == R"SQL(-- sequences in schema app

CREATE UNLOGGED SEQUENCE app.countdown
    AS smallint
    START WITH 100
    INCREMENT BY -1
    MINVALUE 0
    MAXVALUE 100
    CACHE 1
    CYCLE;

CREATE SEQUENCE app.invoice_numbers
    AS integer
    START WITH 1000
    INCREMENT BY 1
    MINVALUE 1000
    NO MAXVALUE
    CACHE 10;
COMMENT ON SEQUENCE app.invoice_numbers IS 'no gaps wanted';

CREATE SEQUENCE app.orphan_seq
    AS bigint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
)SQL");
}

TEST_CASE("a schema with only public and no comment writes no schemas.sql", "[unit][inspect]") {
    model::Schema schema;
    schema.schemas = {{"public", std::nullopt, {}}};
    schema.tables = {table({"public", "t"}, {column("id", "integer")})};
    auto files = render_schema_files(schema);
    CHECK(files.count("schemas.sql") == 0);
    CHECK(files.count("extensions.sql") == 0);
    CHECK(files.size() == 1);
}
