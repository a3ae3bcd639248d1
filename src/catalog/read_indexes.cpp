// Indexes of tables, partitioned tables and materialized views in scope, in one query.
// An index that implements a primary key, unique or exclusion constraint is the constraint's
// (read_constraints) and is left out here; so are the indexes a partition's inherited
// constraints own. A foreign key's conindid points at the referenced table's index and is
// no reason to leave that index out, hence the contype filter.
#include <fmt/format.h>

#include <optional>
#include <string>

#include <algorithm>
#include <tuple>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"

namespace driftless::catalog {

namespace {

// partition_parent: an index on a partition that is attached to an index of the parent
// (created through the parent, or by ATTACH PARTITION) has that index as its pg_inherits
// parent. Such indexes are still listed so a diff sees their names and validity.
constexpr const char* indexes_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       ic.relname AS index_name,
       pg_get_indexdef(i.indexrelid) AS definition,
       i.indisunique AS is_unique,
       i.indisvalid AS is_valid,
       pn.nspname AS parent_schema,
       pc.relname AS parent_name,
       d.description AS comment
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_inherits inh ON inh.inhrelid = i.indexrelid
  LEFT JOIN pg_class pc ON pc.oid = inh.inhparent
  LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_class'::regclass AND d.objoid = i.indexrelid AND d.objsubid = 0
 WHERE c.relkind IN ('r', 'p', 'm')
   AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                    WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
   AND {scope}
   AND {not_extension}
)SQL";

}  // namespace

std::string indexes_sql(const ReadContext& context) {
    return fmt::format(indexes_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")));
}

std::vector<model::Index> indexes_from(const pqxx::result& result) {
    std::vector<model::Index> indexes;
    const FieldPositions at(result);
    for (const auto& row : result) {
        model::Index index;
        index.table = {row[at("schema_name")].as<std::string>(),
                       row[at("table_name")].as<std::string>()};
        index.name = row[at("index_name")].as<std::string>();
        index.definition = row[at("definition")].as<std::string>();
        index.unique = row[at("is_unique")].as<bool>();
        index.valid = row[at("is_valid")].as<bool>();
        if (!row[at("parent_name")].is_null())
            index.partition_parent =
                model::QualifiedName{row[at("parent_schema")].as<std::string>(),
                                     row[at("parent_name")].as<std::string>()};
        index.comment = optional_text(row[at("comment")]);
        indexes.push_back(std::move(index));
    }
    // Sorted here rather than in SQL: byte order equals COLLATE "C", and sorting wide rows on
    // the server spilled to disk on large schemas.
    std::sort(indexes.begin(), indexes.end(), [](const auto& a, const auto& b) {
        return std::tie(a.table, a.name) < std::tie(b.table, b.name);
    });
    return indexes;
}

}  // namespace driftless::catalog
