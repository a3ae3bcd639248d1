// Catalog readers for schemas, extensions, types, sequences and functions, against a real
// server: exact values as the server renders them, extension members and server-made
// objects left out, the schema scope honoured, names returned as stored (unquoted).
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <algorithm>

#include "catalog/readers.hpp"
#include "pg/catalog_reader_calls.hpp"
#include "support/test_server.hpp"

using namespace driftless;

namespace {

// Roles are cluster-wide and outlive the test database, so creating one must tolerate a
// previous test (or run) having created it already.
constexpr const char* create_reader_role = R"SQL(
DO $$ BEGIN CREATE ROLE driftless_types_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
)SQL";

const catalog::ReadContext only_app{150000, {"app"}};

template <typename Reader>
auto read(const testing::TestDatabase& database, Reader reader,
          const catalog::ReadContext& context = {}) {
    pqxx::connection connection(database.conninfo());
    pqxx::read_transaction tx(connection);
    return reader(tx, context);
}

template <typename T>
std::vector<std::string> names(const std::vector<T>& items) {
    std::vector<std::string> result;
    for (const auto& item : items) result.push_back(item.name.display());
    return result;
}

template <typename T>
const T& find(const std::vector<T>& items, const std::string& qualified) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const T& item) { return item.name.display() == qualified; });
    if (it == items.end()) FAIL("no " << qualified << " was read");
    return *it;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("read_namespaces: every user schema, public included, with comment and sorted ACL",
          "[pg][catalog]") {
    testing::TestDatabase db;
    auto session = db.connect();
    session.execute(create_reader_role);
    session.execute(R"SQL(
        CREATE SCHEMA app;
        COMMENT ON SCHEMA app IS 'application objects';
        GRANT USAGE ON SCHEMA app TO driftless_types_reader;
        CREATE SCHEMA "Weird ""Name"" é";
        CREATE TEMP TABLE scratch_pad (x int);
    )SQL");

    // The session stays open, so its pg_temp_N and pg_toast_temp_N schemas exist while reading.
    auto schemas = read(db, catalog::read_namespaces);
    std::vector<model::Namespace> expected{
        {"Weird \"Name\" é", std::nullopt, {}},
        {"app",
         "application objects",
         {"driftless_types_reader=U/postgres", "postgres=UC/postgres"}},
        {"public",
         "standard public schema",
         {"=U/pg_database_owner", "pg_database_owner=UC/pg_database_owner"}},
    };
    CHECK(schemas == expected);

    auto scoped = read(db, catalog::read_namespaces, only_app);
    REQUIRE(scoped.size() == 1);
    CHECK(scoped[0].name == "app");
}

TEST_CASE("read_extensions: installed extensions with schema and version, plpgsql left out",
          "[pg][catalog]") {
    testing::TestDatabase db;
    db.connect().execute(R"SQL(
        CREATE SCHEMA app;
        CREATE SCHEMA search;
        CREATE EXTENSION citext;
        CREATE EXTENSION pg_trgm SCHEMA search;
    )SQL");

    std::vector<model::Extension> expected{{"citext", "public", "1.6"},
                                           {"pg_trgm", "search", "1.6"}};
    CHECK(read(db, catalog::read_extensions) == expected);
    // Database-wide: a scope of other schemas does not hide what they may depend on.
    CHECK(read(db, catalog::read_extensions, only_app) == expected);
}

TEST_CASE("read_enums: labels in sort order, exotic names unquoted, extension types left out",
          "[pg][catalog]") {
    testing::TestDatabase db;
    auto session = db.connect();
    session.execute(create_reader_role);
    session.execute(R"SQL(
        CREATE EXTENSION citext;
        CREATE SCHEMA app;
        CREATE SCHEMA "Weird ""Name"" é";
        CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
        ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok';
        COMMENT ON TYPE app.mood IS 'how it feels';
        GRANT USAGE ON TYPE app.mood TO driftless_types_reader;
        CREATE TYPE app.empty AS ENUM ();
        CREATE TYPE "Weird ""Name"" é"."Enum ""Q"" é" AS ENUM ('A b', 'it''s', 'ü');
    )SQL");

    auto enums = read(db, catalog::read_enums);
    std::vector<model::EnumType> expected{
        {{"Weird \"Name\" é", "Enum \"Q\" é"}, {"A b", "it's", "ü"}, std::nullopt, {}},
        {{"app", "empty"}, {}, std::nullopt, {}},
        {{"app", "mood"},
         {"sad", "meh", "ok", "happy"},
         "how it feels",
         {"=U/postgres", "driftless_types_reader=U/postgres", "postgres=U/postgres"}},
    };
    CHECK(enums == expected);
    CHECK(names(read(db, catalog::read_enums, only_app)) == Strings{"app.empty", "app.mood"});
}

TEST_CASE("read_domains: base type, own collation, default, NOT NULL and checks by name",
          "[pg][catalog]") {
    testing::TestDatabase db;
    db.connect().execute(R"SQL(
        CREATE EXTENSION citext;
        CREATE SCHEMA app;
        CREATE SCHEMA other;
        CREATE DOMAIN app.positive AS numeric(10,2) DEFAULT 1 NOT NULL
            CONSTRAINT positive_check CHECK (VALUE > 0)
            CONSTRAINT a_small CHECK (VALUE < 1000);
        COMMENT ON DOMAIN app.positive IS 'money';
        CREATE DOMAIN app.code AS text COLLATE "C";
        CREATE DOMAIN app.email AS app.code;
        ALTER DOMAIN app.email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID;
        CREATE FUNCTION app.next_code() RETURNS integer LANGUAGE sql AS 'SELECT 1';
        SET search_path = app;
        CREATE DOMAIN app.numbered AS integer DEFAULT next_code();
        RESET search_path;
        CREATE DOMAIN other.flag AS boolean;
    )SQL");

    auto domains = read(db, catalog::read_domains);
    CHECK(names(domains) ==
          Strings{"app.code", "app.email", "app.numbered", "app.positive", "other.flag"});

    model::Domain positive{{"app", "positive"},
                           "numeric(10,2)",
                           std::nullopt,
                           "1",
                           true,
                           {{"a_small", "CHECK ((VALUE < (1000)::numeric))", true},
                            {"positive_check", "CHECK ((VALUE > (0)::numeric))", true}},
                           "money",
                           {}};
    CHECK(find(domains, "app.positive") == positive);

    // Stated only where it differs from the base type: app.email inherits "C" from app.code.
    CHECK(find(domains, "app.code").collation == "\"C\"");
    const auto& email = find(domains, "app.email");
    CHECK(email.base_type == "app.code");
    CHECK_FALSE(email.collation);
    CHECK_FALSE(email.not_null);
    CHECK_FALSE(email.default_expression);
    REQUIRE(email.checks.size() == 1);
    CHECK(email.checks[0].definition == "CHECK (((VALUE)::text ~~ '%@%'::text))");
    CHECK_FALSE(email.checks[0].validated);

    // Rendered now, not the text frozen under the search_path of CREATE time (typdefault).
    CHECK(find(domains, "app.numbered").default_expression == "app.next_code()");

    CHECK(names(read(db, catalog::read_domains, only_app)) ==
          Strings{"app.code", "app.email", "app.numbered", "app.positive"});
}

TEST_CASE("read_composite_types: attributes in order, no dropped ones, no tables' row types",
          "[pg][catalog]") {
    testing::TestDatabase db;
    db.connect().execute(R"SQL(
        CREATE EXTENSION citext;
        CREATE SCHEMA app;
        CREATE TYPE app.pair AS (a integer, gone text, "B c" varchar(20) COLLATE "C", t text, n numeric(8,3)[]);
        ALTER TYPE app.pair DROP ATTRIBUTE gone;
        COMMENT ON TYPE app.pair IS 'two of a kind';
        CREATE TYPE app.nothing AS ();
        CREATE TABLE app.things (id integer);
        CREATE VIEW app.thing_view AS SELECT id FROM app.things;
    )SQL");

    std::vector<model::CompositeType> expected{
        {{"app", "nothing"}, {}, std::nullopt, {}},
        {{"app", "pair"},
         {{"a", "integer", std::nullopt},
          {"B c", "character varying(20)", "\"C\""},
          {"t", "text", std::nullopt},
          {"n", "numeric(8,3)[]", std::nullopt}},
         "two of a kind",
         {}},
    };
    CHECK(read(db, catalog::read_composite_types) == expected);
    CHECK(
        read(db, catalog::read_composite_types, catalog::ReadContext{150000, {"public"}}).empty());
}

TEST_CASE("read_range_types: subtype and only the options CREATE TYPE would not default",
          "[pg][catalog]") {
    testing::TestDatabase db;
    db.connect().execute(R"SQL(
        CREATE SCHEMA app;
        CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
        COMMENT ON TYPE app.floatrange IS 'floats';
        CREATE TYPE app.textrange AS RANGE (subtype = text, collation = "C");
        CREATE TYPE app.patternrange AS RANGE (subtype = text, subtype_opclass = text_pattern_ops,
                                               multirange_type_name = app.many_patterns);
    )SQL");

    std::vector<model::RangeType> expected{
        {{"app", "floatrange"},
         "double precision",
         std::nullopt,
         std::nullopt,
         std::nullopt,
         "float8mi",
         "app.floatmultirange",
         "floats"},
        {{"app", "patternrange"},
         "text",
         "text_pattern_ops",
         std::nullopt,
         std::nullopt,
         std::nullopt,
         "app.many_patterns",
         std::nullopt},
        {{"app", "textrange"},
         "text",
         std::nullopt,
         "\"C\"",
         std::nullopt,
         std::nullopt,
         "app.textmultirange",
         std::nullopt},
    };
    CHECK(read(db, catalog::read_range_types) == expected);
    CHECK(read(db, catalog::read_range_types, catalog::ReadContext{150000, {"public"}}).empty());
}

TEST_CASE("read_sequences: options, OWNED BY, persistence, identity sequences left out",
          "[pg][catalog]") {
    testing::TestDatabase db;
    auto session = db.connect();
    session.execute(create_reader_role);
    session.execute(R"SQL(
        CREATE SCHEMA app;
        CREATE SCHEMA other;
        CREATE TABLE app.t (id serial, ident bigint GENERATED ALWAYS AS IDENTITY, x integer);
        CREATE SEQUENCE app.s AS integer START 10 INCREMENT 5 MINVALUE 5 MAXVALUE 1000 CACHE 3 CYCLE;
        COMMENT ON SEQUENCE app.s IS 'step five';
        GRANT USAGE ON SEQUENCE app.s TO driftless_types_reader;
        CREATE UNLOGGED SEQUENCE app.u;
        CREATE SEQUENCE app."Owned ""Seq""" OWNED BY app.t.x;
        CREATE SEQUENCE other.down INCREMENT -1;
    )SQL");

    auto sequences = read(db, catalog::read_sequences);
    CHECK(names(sequences) ==
          Strings{"app.Owned \"Seq\"", "app.s", "app.t_id_seq", "app.u", "other.down"});

    model::Sequence s{{"app", "s"}, {"integer", 10, 5, 5, 1000, 3, true},
                      false,        std::nullopt,
                      "step five",  {"driftless_types_reader=U/postgres", "postgres=rwU/postgres"}};
    CHECK(find(sequences, "app.s") == s);

    model::Sequence serial{{"app", "t_id_seq"},
                           {"integer", 1, 1, 1, 2147483647, 1, false},
                           false,
                           model::SequenceOwner{{"app", "t"}, "id"},
                           std::nullopt,
                           {}};
    CHECK(find(sequences, "app.t_id_seq") == serial);
    CHECK(find(sequences, "app.Owned \"Seq\"").owned_by == model::SequenceOwner{{"app", "t"}, "x"});
    CHECK(find(sequences, "app.Owned \"Seq\"").options.max_value == 9223372036854775807);

    const auto& unlogged = find(sequences, "app.u");
    CHECK(unlogged.unlogged);
    CHECK(unlogged.options.data_type == "bigint");
    CHECK_FALSE(unlogged.owned_by);

    const auto& down = find(sequences, "other.down");
    CHECK(down.options.increment == -1);
    CHECK(down.options.start == -1);
    CHECK(down.options.min_value == -9223372036854775807 - 1);
    CHECK(down.options.max_value == -1);

    CHECK(names(read(db, catalog::read_sequences, only_app)) ==
          Strings{"app.Owned \"Seq\"", "app.s", "app.t_id_seq", "app.u"});
}

TEST_CASE(
    "read_functions: server definitions, kinds, overloads in order, no extension or range members",
    "[pg][catalog]") {
    testing::TestDatabase db;
    auto session = db.connect();
    session.execute(R"SQL(
        CREATE EXTENSION citext;
        CREATE SCHEMA app;
        CREATE SCHEMA "Weird ""Name"" é";
        CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE
            AS $$ SELECT a + b $$;
        COMMENT ON FUNCTION app.add(integer, integer) IS 'adds';
        REVOKE EXECUTE ON FUNCTION app.add(integer, integer) FROM PUBLIC;
        CREATE FUNCTION app.add(t text) RETURNS text LANGUAGE sql AS $$ SELECT t $$;
        CREATE PROCEDURE app.noop(IN x text) LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
        CREATE FUNCTION "Weird ""Name"" é"."Fn ""Q"" é"() RETURNS void LANGUAGE sql AS '';
        CREATE TYPE app.floatrange AS RANGE (subtype = float8);
    )SQL");

    auto functions = read(db, catalog::read_functions);
    REQUIRE(names(functions) ==
            Strings{"Weird \"Name\" é.Fn \"Q\" é", "app.add", "app.add", "app.noop"});

    model::Function add{{"app", "add"},
                        "a integer, b integer",
                        model::RoutineKind::function,
                        "integer",
                        "sql",
                        "CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)\n"
                        " RETURNS integer\n"
                        " LANGUAGE sql\n"
                        " IMMUTABLE\n"
                        "AS $function$ SELECT a + b $function$",
                        "adds",
                        {"postgres=X/postgres"}};
    CHECK(functions[1] == add);
    CHECK(functions[2].arguments == "t text");
    CHECK(functions[2].acl.empty());

    const auto& noop = functions[3];
    CHECK(noop.kind == model::RoutineKind::procedure);
    CHECK(noop.arguments == "IN x text");
    CHECK(noop.result.empty());
    CHECK(noop.language == "plpgsql");
    CHECK(noop.definition ==
          "CREATE OR REPLACE PROCEDURE app.noop(IN x text)\n LANGUAGE plpgsql\nAS $procedure$ "
          "BEGIN NULL; END "
          "$procedure$");

    CHECK(
        functions[0].definition ==
        "CREATE OR REPLACE FUNCTION \"Weird \"\"Name\"\" é\".\"Fn \"\"Q\"\" é\"()\n RETURNS void\n"
        " LANGUAGE sql\nAS $function$$function$");

    CHECK(names(read(db, catalog::read_functions, only_app)) ==
          Strings{"app.add", "app.add", "app.noop"});
}

TEST_CASE("read_functions: aggregates as CREATE AGGREGATE statements that recreate them",
          "[pg][catalog]") {
    testing::TestDatabase db;
    auto session = db.connect();
    session.execute(R"SQL(
        CREATE SCHEMA app;
        CREATE FUNCTION app.sum_state(integer, integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + $2';
        CREATE AGGREGATE app.mysum(integer) (SFUNC = app.sum_state, STYPE = integer, INITCOND = '0',
                                             COMBINEFUNC = app.sum_state);
        COMMENT ON AGGREGATE app.mysum(integer) IS 'sums';
        CREATE AGGREGATE app.cat(text) (SFUNC = textcat, STYPE = text, INITCOND = 'it''s', FINALFUNC = upper);
        CREATE AGGREGATE app.my_max(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >,
                                              PARALLEL = SAFE, COMBINEFUNC = int4larger);
        CREATE AGGREGATE app.msum(integer) (SFUNC = int4pl, STYPE = integer, MSFUNC = int4pl, MINVFUNC = int4mi,
                                            MSTYPE = integer, MINITCOND = '0');
        CREATE AGGREGATE app.pct(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
                                                              FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
        CREATE AGGREGATE app.myrank(VARIADIC "any" ORDER BY VARIADIC "any") (
            SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,
            FINALFUNC_EXTRA, HYPOTHETICAL);
        CREATE AGGREGATE app.cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
    )SQL");

    auto functions = read(db, catalog::read_functions);
    CHECK(names(functions) == Strings{"app.cat", "app.cnt", "app.msum", "app.my_max", "app.myrank",
                                      "app.mysum", "app.pct", "app.sum_state"});

    const auto& mysum = find(functions, "app.mysum");
    CHECK(mysum.kind == model::RoutineKind::aggregate);
    CHECK(mysum.arguments == "integer");
    CHECK(mysum.result == "integer");
    CHECK(mysum.comment == "sums");
    CHECK(mysum.definition ==
          "CREATE OR REPLACE AGGREGATE app.mysum(integer) (\n"
          "    SFUNC = app.sum_state,\n"
          "    STYPE = integer,\n"
          "    COMBINEFUNC = app.sum_state,\n"
          "    INITCOND = '0'\n"
          ");");
    // upper is overloaded, so regproc qualifies it.
    CHECK(find(functions, "app.cat").definition ==
          "CREATE OR REPLACE AGGREGATE app.cat(text) (\n"
          "    SFUNC = textcat,\n"
          "    STYPE = text,\n"
          "    FINALFUNC = pg_catalog.upper,\n"
          "    INITCOND = 'it''s'\n"
          ");");
    CHECK(find(functions, "app.my_max").definition ==
          "CREATE OR REPLACE AGGREGATE app.my_max(integer) (\n"
          "    SFUNC = int4larger,\n"
          "    STYPE = integer,\n"
          "    COMBINEFUNC = int4larger,\n"
          "    SORTOP = >,\n"
          "    PARALLEL = SAFE\n"
          ");");
    CHECK(find(functions, "app.msum").definition ==
          "CREATE OR REPLACE AGGREGATE app.msum(integer) (\n"
          "    SFUNC = int4pl,\n"
          "    STYPE = integer,\n"
          "    MSFUNC = int4pl,\n"
          "    MINVFUNC = int4mi,\n"
          "    MSTYPE = integer,\n"
          "    MINITCOND = '0'\n"
          ");");
    CHECK(find(functions, "app.pct").arguments == "double precision ORDER BY anyelement");
    CHECK(find(functions, "app.myrank").definition ==
          "CREATE OR REPLACE AGGREGATE app.myrank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (\n"
          "    SFUNC = ordered_set_transition_multi,\n"
          "    STYPE = internal,\n"
          "    FINALFUNC = rank_final,\n"
          "    FINALFUNC_EXTRA,\n"
          "    HYPOTHETICAL\n"
          ");");
    CHECK(find(functions, "app.cnt").definition ==
          "CREATE OR REPLACE AGGREGATE app.cnt(*) (\n"
          "    SFUNC = int8inc,\n"
          "    STYPE = bigint,\n"
          "    INITCOND = '0'\n"
          ");");

    // Dropping every aggregate and running the definitions read gives back the same model.
    std::string recreate;
    for (const auto& function : functions) {
        if (function.kind != model::RoutineKind::aggregate) continue;
        std::string arguments = function.arguments.empty() ? "*" : function.arguments;
        session.execute("DROP AGGREGATE app." + function.name.name + "(" + arguments + ")");
        recreate += function.definition + "\n";
    }
    session.execute(recreate);
    auto again = read(db, catalog::read_functions);
    // Comments are separate statements; the definitions carry everything else.
    for (auto& function : again) {
        if (function.name.name == "mysum") function.comment = "sums";
    }
    CHECK(again == functions);
}
