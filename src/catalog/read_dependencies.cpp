// Dependencies between the objects the other readers return, for ordering: one query over
// pg_depend. Both ends are mapped to the model's ObjectId, so an edge never names something
// the model does not hold.
//
// Direction: "from depends on to", i.e. from is created after to and dropped before it.
//
// Mapping (the `objects` CTE): each catalog row that can appear in pg_depend is mapped to the
// ObjectId of the model object it belongs to. Rows that are parts of an object map to that
// object: a column (objsubid > 0) to its table, a column default or generation expression
// (pg_attrdef) to its table, a view's _RETURN rule (pg_rewrite) to its view, an index that
// implements a constraint to the constraint, an identity sequence to its table, a domain's
// check constraint to the domain, an array type to its element type, a multirange to its
// range, a row type to its relation, and a range type's constructor functions to the range.
// Anything not mapped drops its edges: system objects, other schemas, extension members,
// schemas themselves (containment is in the name), internal triggers, a partition's clones
// of its parent's triggers, collations, operators. Rules other than views' _RETURN and
// extended statistics objects are objects of their own, carrying their table.
//
// Only normal ('n') and auto ('a') dependencies become edges; internal and partition ones
// only say "part of", which the mapping already expresses. Edges that map to one object
// (a column default on its own table) are dropped.
//
// One reversal: a sequence OWNED BY a column has an auto dependency sequence → table, but the
// sequence must exist before the table whose default calls nextval() on it (that default
// already gives table → sequence); OWNED BY is set after both exist. Kept as is it would form
// a cycle, so it is turned into table → sequence.
#include <fmt/format.h>

#include <charconv>
#include <cstring>

#include <algorithm>
#include <string>

#include <cstdint>
#include <unordered_map>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// Objects of a table (constraint, index, trigger, policy, rule) are named {table schema, name}
// and carry their table; a statistics object carries its table and its own schema. Functions carry
// pg_get_function_identity_arguments, as model::Function::arguments does, so an ObjectId built from
// a Function matches. No DISTINCT: the same pair comes out once per column involved, and
// deduplicating the wide text rows on the server cost more than doing it after the mapping to
// ObjectIds.
constexpr const char* dependencies_query = R"SQL(
WITH relations AS (
  -- An identity sequence stands for its table (owner).
  SELECT c.oid AS objid,
         CASE WHEN owner.oid IS NOT NULL THEN 'table'
              WHEN c.relkind = 'v' THEN 'view' WHEN c.relkind = 'm' THEN 'materialized_view'
              WHEN c.relkind = 'S' THEN 'sequence' WHEN c.relkind = 'c' THEN 'composite_type'
              ELSE 'table' END AS kind,
         COALESCE(owner_n.nspname, n.nspname) AS schema_name,
         COALESCE(owner.relname, c.relname) AS object_name
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_depend identity_dep
           ON c.relkind = 'S' AND identity_dep.classid = 'pg_class'::regclass AND identity_dep.objid = c.oid
          AND identity_dep.refclassid = 'pg_class'::regclass AND identity_dep.deptype = 'i'
    LEFT JOIN pg_class owner ON owner.oid = identity_dep.refobjid
    LEFT JOIN pg_namespace owner_n ON owner_n.oid = owner.relnamespace
   WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S', 'c')
     AND {scope_n}
     AND {relation_not_extension}
),
base_types AS (
  SELECT t.oid AS objid,
         CASE t.typtype WHEN 'e' THEN 'enum_type' WHEN 'd' THEN 'domain' ELSE 'range_type' END AS kind,
         n.nspname AS schema_name,
         t.typname AS object_name
    FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typtype IN ('e', 'd', 'r')
     AND {scope_n}
     AND {type_not_extension}
  UNION ALL
  -- Row types of tables and views, and the types of composite types.
  SELECT t.oid, r.kind, r.schema_name, r.object_name
    FROM pg_type t
    JOIN relations r ON r.objid = t.typrelid
   WHERE t.typtype = 'c'
),
scalar_types AS (
  SELECT * FROM base_types
  {multiranges}
),
all_types AS (
  SELECT * FROM scalar_types
  UNION ALL
  SELECT element.typarray, s.kind, s.schema_name, s.object_name
    FROM scalar_types s
    JOIN pg_type element ON element.oid = s.objid
   WHERE element.typarray <> 0
),
type_functions AS (
  -- A range type's constructors.
  SELECT dep.objid AS function_oid, t.kind, t.schema_name, t.object_name
    FROM pg_depend dep
    JOIN scalar_types t ON t.objid = dep.refobjid
   WHERE dep.classid = 'pg_proc'::regclass AND dep.refclassid = 'pg_type'::regclass AND dep.deptype = 'i'
),
objects AS (
  SELECT 'pg_class'::regclass::oid AS classid, r.objid, r.kind, r.schema_name, r.object_name,
         NULL::name AS table_schema, NULL::name AS table_name, '' AS arguments
    FROM relations r
  UNION ALL
  SELECT 'pg_type'::regclass::oid, t.objid, t.kind, t.schema_name, t.object_name, NULL, NULL, ''
    FROM all_types t
  UNION ALL
  SELECT 'pg_class'::regclass::oid, i.indexrelid,
         CASE WHEN con.oid IS NULL THEN 'index' ELSE 'constraint' END,
         r.schema_name, COALESCE(con.conname, ic.relname), r.schema_name, r.object_name, ''
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN relations r ON r.objid = i.indrelid
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
  UNION ALL
  SELECT 'pg_constraint'::regclass::oid, con.oid, 'constraint', r.schema_name, con.conname,
         r.schema_name, r.object_name, ''
    FROM pg_constraint con
    JOIN relations r ON r.objid = con.conrelid
   WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  UNION ALL
  SELECT 'pg_constraint'::regclass::oid, con.oid, t.kind, t.schema_name, t.object_name, NULL, NULL, ''
    FROM pg_constraint con
    JOIN base_types t ON t.objid = con.contypid
  UNION ALL
  SELECT 'pg_proc'::regclass::oid, p.oid, 'function', n.nspname, p.proname, NULL, NULL,
         pg_get_function_identity_arguments(p.oid)
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE {scope_n}
     AND {function_not_extension}
     AND p.oid NOT IN (SELECT function_oid FROM type_functions)
  UNION ALL
  SELECT 'pg_proc'::regclass::oid, f.function_oid, f.kind, f.schema_name, f.object_name, NULL, NULL, ''
    FROM type_functions f
  UNION ALL
  SELECT 'pg_trigger'::regclass::oid, t.oid, 'trigger', r.schema_name, t.tgname, r.schema_name, r.object_name, ''
    FROM pg_trigger t
    JOIN relations r ON r.objid = t.tgrelid
   WHERE NOT t.tgisinternal {clone_filter}
  UNION ALL
  SELECT 'pg_policy'::regclass::oid, pol.oid, 'policy', r.schema_name, pol.polname, r.schema_name, r.object_name, ''
    FROM pg_policy pol
    JOIN relations r ON r.objid = pol.polrelid
  UNION ALL
  SELECT 'pg_rewrite'::regclass::oid, rw.oid, r.kind, r.schema_name, r.object_name, NULL, NULL, ''
    FROM pg_rewrite rw
    JOIN relations r ON r.objid = rw.ev_class
   WHERE rw.rulename = '_RETURN' AND r.kind IN ('view', 'materialized_view')
  UNION ALL
  SELECT 'pg_rewrite'::regclass::oid, rw.oid, 'rule', r.schema_name, rw.rulename, r.schema_name, r.object_name, ''
    FROM pg_rewrite rw
    JOIN relations r ON r.objid = rw.ev_class
   WHERE rw.rulename <> '_RETURN' AND r.kind IN ('table', 'view', 'materialized_view')
  UNION ALL
  SELECT 'pg_statistic_ext'::regclass::oid, s.oid, 'statistics', sn.nspname, s.stxname, r.schema_name, r.object_name, ''
    FROM pg_statistic_ext s
    JOIN pg_namespace sn ON sn.oid = s.stxnamespace
    JOIN relations r ON r.objid = s.stxrelid
  UNION ALL
  SELECT 'pg_attrdef'::regclass::oid, ad.oid, r.kind, r.schema_name, r.object_name, NULL, NULL, ''
    FROM pg_attrdef ad
    JOIN relations r ON r.objid = ad.adrelid
)
-- Objects and raw edges in one result, told apart by row_type; the client joins them by
-- (classid, objid). Joining pg_depend with the object list twice on the server and sending
-- both ends' names on every edge cost more than the whole rest of the catalog read.
SELECT 'o' AS row_type, o.classid, o.objid, NULL::oid AS refclassid, NULL::oid AS refobjid,
       NULL::boolean AS owned, o.kind, o.schema_name, o.object_name, o.table_schema, o.table_name,
       o.arguments
  FROM objects o
UNION ALL
SELECT 'e', dep.classid, dep.objid, dep.refclassid, dep.refobjid, dep.deptype = 'a',
       NULL, NULL, NULL, NULL, NULL, NULL
  FROM pg_depend dep
 WHERE dep.deptype IN ('n', 'a')
   AND dep.objid >= 16384 AND dep.refobjid >= 16384  -- FirstNormalObjectId: built-ins are no model objects
   AND dep.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_constraint'::regclass,
                          'pg_proc'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass,
                          'pg_rewrite'::regclass, 'pg_attrdef'::regclass)
   AND dep.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_constraint'::regclass,
                       'pg_proc'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass,
                       'pg_rewrite'::regclass, 'pg_attrdef'::regclass, 'pg_statistic_ext'::regclass)
)SQL";

// Multiranges arrived in PostgreSQL 14.
constexpr const char* multiranges_14 = R"SQL(UNION ALL
  SELECT rg.rngmultitypid, b.kind, b.schema_name, b.object_name
    FROM pg_range rg
    JOIN base_types b ON b.objid = rg.rngtypid)SQL";

model::ObjectKind object_kind(const std::string& kind) {
    using model::ObjectKind;
    if (kind == "table") return ObjectKind::table;
    if (kind == "view") return ObjectKind::view;
    if (kind == "materialized_view") return ObjectKind::materialized_view;
    if (kind == "sequence") return ObjectKind::sequence;
    if (kind == "composite_type") return ObjectKind::composite_type;
    if (kind == "enum_type") return ObjectKind::enum_type;
    if (kind == "domain") return ObjectKind::domain;
    if (kind == "range_type") return ObjectKind::range_type;
    if (kind == "function") return ObjectKind::function;
    if (kind == "constraint") return ObjectKind::constraint;
    if (kind == "index") return ObjectKind::index;
    if (kind == "trigger") return ObjectKind::trigger;
    if (kind == "policy") return ObjectKind::policy;
    if (kind == "statistics") return ObjectKind::statistics;
    if (kind == "rule") return ObjectKind::rule;
    throw FailureError(fmt::format("dependency query returned unknown object kind '{}'", kind));
}

std::uint64_t object_key(const pqxx::row& row, pqxx::row::size_type classid,
                         pqxx::row::size_type objid) {
    return (oid_value(row[classid]) << 32) | oid_value(row[objid]);
}

}  // namespace

std::string dependencies_sql(const ReadContext& context) {
    return fmt::format(
        dependencies_query, fmt::arg("scope_n", schema_in_scope("n", context)),
        fmt::arg("relation_not_extension", not_extension_member("pg_class", "c.oid")),
        fmt::arg("type_not_extension", not_extension_member("pg_type", "t.oid")),
        fmt::arg("function_not_extension", not_extension_member("pg_proc", "p.oid")),
        fmt::arg("multiranges", context.server_version >= 140000 ? multiranges_14 : ""),
        fmt::arg("clone_filter", context.server_version >= 130000 ? "AND t.tgparentid = 0" : ""));
}

std::vector<model::Dependency> dependencies_from(const pqxx::result& result) {
    const FieldPositions at(result);
    const auto row_type = at("row_type"), classid = at("classid"), objid = at("objid"),
               refclassid = at("refclassid"), refobjid = at("refobjid"), owned = at("owned"),
               kind = at("kind"), schema_name = at("schema_name"), object_name = at("object_name"),
               table_schema = at("table_schema"), table_name = at("table_name"),
               arguments = at("arguments");
    std::vector<model::ObjectId> objects;
    std::unordered_map<std::uint64_t, std::size_t> object_by_key;
    struct Edge {
        std::uint64_t from, to;
        bool owned;
    };
    std::vector<Edge> edges;
    for (const auto& row : result) {
        if (row[row_type].c_str()[0] == 'o') {
            model::ObjectId id;
            id.kind = object_kind(row[kind].as<std::string>());
            id.name = {row[schema_name].as<std::string>(), row[object_name].as<std::string>()};
            if (!row[table_name].is_null()) {
                id.table = {row[table_schema].as<std::string>(), row[table_name].as<std::string>()};
            }
            id.arguments = row[arguments].as<std::string>();
            if (object_by_key.emplace(object_key(row, classid, objid), objects.size()).second) {
                objects.push_back(std::move(id));
            }
        } else {
            edges.push_back({object_key(row, classid, objid), object_key(row, refclassid, refobjid),
                             row[owned].c_str()[0] == 't'});
        }
    }
    std::vector<model::Dependency> dependencies;
    dependencies.reserve(edges.size());
    for (const Edge& edge : edges) {
        auto from = object_by_key.find(edge.from);
        auto to = object_by_key.find(edge.to);
        if (from == object_by_key.end() || to == object_by_key.end())
            continue;  // outside the model
        model::Dependency dependency{objects[from->second], objects[to->second]};
        if (dependency.from == dependency.to) continue;
        // OWNED BY points from the sequence to its table; for ordering the table comes later.
        if (edge.owned && dependency.from.kind == model::ObjectKind::sequence &&
            dependency.to.kind == model::ObjectKind::table) {
            std::swap(dependency.from, dependency.to);
        }
        dependencies.push_back(std::move(dependency));
    }
    std::sort(dependencies.begin(), dependencies.end());
    dependencies.erase(std::unique(dependencies.begin(), dependencies.end()), dependencies.end());
    return dependencies;
}

}  // namespace driftless::catalog
