// Table constraints (primary key, unique, foreign key, check, exclusion) of every table in
// scope, in one query. NOT NULL is a column property; domain checks belong to read_domains.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include <algorithm>
#include <tuple>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// inherited = NOT conislocal. Checked on PostgreSQL 15: constraints a partition gets from
// its parent (cloned at CREATE … PARTITION OF, or merged with a matching one of its own at
// ATTACH PARTITION, PK and UNIQUE included) have conislocal = false and coninhcount >= 1;
// so do CHECKs a plain-inheritance child gets from its parent. A child constraint that was
// declared locally and also matches the parent's keeps conislocal = true: it must be
// emitted, so it is not marked inherited. Inherited constraints are still listed, so their
// definitions, names and dependencies stay visible to the diff.
//
// Column names come from conkey in key order (one index scan per constraint: a join over
// unnest(conkey) built a hash table per row and cost a third of the query); expression columns of exclusion constraints
// (attnum 0) have no name and are left out, the definition carries them.
constexpr const char* constraints_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       con.conname AS constraint_name,
       con.contype::text AS contype,
       pg_get_constraintdef(con.oid) AS definition,
       to_json(ARRAY(SELECT a.attname FROM pg_attribute a
                      WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
                      ORDER BY array_position(con.conkey, a.attnum))) AS columns,
       rn.nspname AS referenced_schema,
       rc.relname AS referenced_table,
       con.condeferrable AS deferrable,
       con.condeferred AS initially_deferred,
       con.convalidated AS validated,
       NOT con.conislocal AS inherited,
       d.description AS comment
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_constraint'::regclass AND d.objoid = con.oid AND d.objsubid = 0
 WHERE con.conrelid <> 0
   AND con.contype IN ('p', 'u', 'f', 'c', 'x')
   AND c.relkind IN ('r', 'p', 'f')
   AND {scope}
   AND {not_extension}
)SQL";

model::ConstraintKind constraint_kind(const std::string& contype, const std::string& where) {
    if (contype == "p") return model::ConstraintKind::primary_key;
    if (contype == "u") return model::ConstraintKind::unique;
    if (contype == "f") return model::ConstraintKind::foreign_key;
    if (contype == "c") return model::ConstraintKind::check;
    if (contype == "x") return model::ConstraintKind::exclusion;
    throw FailureError(fmt::format("constraint {} has unexpected contype '{}'", where, contype));
}

}  // namespace

std::vector<model::Constraint> read_constraints(Transaction& tx, const ReadContext& context) {
    std::string sql =
        fmt::format(constraints_query, fmt::arg("scope", schema_in_scope("n", context)),
                    fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")));
    std::vector<model::Constraint> constraints;
    const pqxx::result result = tx.exec(sql);
    const FieldPositions at(result);
    for (const auto& row : result) {
        model::Constraint constraint;
        constraint.table = {row[at("schema_name")].as<std::string>(),
                            row[at("table_name")].as<std::string>()};
        constraint.name = row[at("constraint_name")].as<std::string>();
        constraint.kind = constraint_kind(row[at("contype")].as<std::string>(),
                                          constraint.name + " on " + constraint.table.display());
        constraint.definition = row[at("definition")].as<std::string>();
        constraint.columns = text_list(row[at("columns")]);
        if (!row[at("referenced_table")].is_null())
            constraint.references = model::QualifiedName{row[at("referenced_schema")].as<std::string>(),
                                                         row[at("referenced_table")].as<std::string>()};
        constraint.deferrable = row[at("deferrable")].as<bool>();
        constraint.initially_deferred = row[at("initially_deferred")].as<bool>();
        constraint.validated = row[at("validated")].as<bool>();
        constraint.inherited = row[at("inherited")].as<bool>();
        constraint.comment = optional_text(row[at("comment")]);
        constraints.push_back(std::move(constraint));
    }
    // Sorted here rather than in SQL: byte order equals COLLATE "C", and sorting wide rows on
    // the server spilled to disk on large schemas.
    std::sort(constraints.begin(), constraints.end(), [](const auto& a, const auto& b) {
        return std::tie(a.table, a.name) < std::tie(b.table, b.name);
    });
    return constraints;
}

}  // namespace driftless::catalog
