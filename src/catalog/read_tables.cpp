// Tables: plain, partitioned and foreign, in one query for the whole database. Columns come
// from read_columns; here only what belongs to the relation itself.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// Lists travel as JSON so that names with quotes, commas or braces need no array parsing.
// The replica identity index is looked up only for the tables that have one (relreplident
// 'i'); pg_index.indisreplident marks it.
// Parents are joined on pg_inherits; for a partition its only parent is partition_of, so
// `inherits` is left empty there (the server forbids plain inheritance on partitions).
constexpr const char* tables_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       c.relkind::text AS relkind,
       c.relpersistence::text AS relpersistence,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       (SELECT json_build_array(pn.nspname, pc.relname)
          FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE c.relispartition AND i.inhrelid = c.oid) AS partition_of,
       (SELECT json_agg(json_build_array(pn.nspname, pc.relname) ORDER BY i.inhseqno)
          FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE NOT c.relispartition AND i.inhrelid = c.oid) AS inherits,
       to_json(c.reloptions) AS storage_parameters,
       CASE WHEN am.amname <> 'heap' THEN am.amname END AS access_method,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       d.description AS comment,
       to_json(c.relacl::text[]) AS acl,
       c.relreplident::text AS replica_identity,
       CASE WHEN c.relreplident = 'i' THEN
            (SELECT ri.relname FROM pg_index rx JOIN pg_class ri ON ri.oid = rx.indexrelid
              WHERE rx.indrelid = c.oid AND rx.indisreplident)
       END AS replica_identity_index
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_am am ON am.oid = c.relam
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
 WHERE c.relkind IN ('r', 'p', 'f')
   AND {scope}
   AND {not_extension}
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
)SQL";

model::QualifiedName qualified_name(const nlohmann::json& pair) {
    return {pair.at(0).get<std::string>(), pair.at(1).get<std::string>()};
}

model::TableKind table_kind(const std::string& relkind, const model::QualifiedName& name) {
    if (relkind == "r") return model::TableKind::ordinary;
    if (relkind == "p") return model::TableKind::partitioned;
    if (relkind == "f") return model::TableKind::foreign;
    throw FailureError(
        fmt::format("table {} has unexpected relkind '{}'", name.display(), relkind));
}

// relreplident 'i' whose index was dropped since: the server then logs no old key at all,
// as with NOTHING, and that is how it is modelled (no DDL could recreate the other state).
void set_replica_identity(model::Table& table, const std::string& code,
                          std::optional<std::string> index) {
    using model::ReplicaIdentity;
    if (code == "d") {
        table.replica_identity = ReplicaIdentity::default_key;
    } else if (code == "f") {
        table.replica_identity = ReplicaIdentity::full;
    } else if (code == "n" || (code == "i" && !index)) {
        table.replica_identity = ReplicaIdentity::nothing;
    } else if (code == "i") {
        table.replica_identity = ReplicaIdentity::index;
        table.replica_identity_index = std::move(index);
    } else {
        throw FailureError(
            fmt::format("table {} has unexpected relreplident '{}'", table.name.display(), code));
    }
}

}  // namespace

std::string tables_sql(const ReadContext& context) {
    return fmt::format(tables_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")));
}

std::vector<model::Table> tables_from(const pqxx::result& result) {
    std::vector<model::Table> tables;
    const FieldPositions at(result);
    for (const auto& row : result) {
        model::Table table;
        table.name = {row[at("schema_name")].as<std::string>(),
                      row[at("table_name")].as<std::string>()};
        table.kind = table_kind(row[at("relkind")].as<std::string>(), table.name);
        // 't' (temporary) cannot occur: temporary schemas are out of scope.
        table.persistence = row[at("relpersistence")].as<std::string>() == "u"
                                ? model::Persistence::unlogged
                                : model::Persistence::permanent;
        table.partition_key = optional_text(row[at("partition_key")]);
        table.partition_bound = optional_text(row[at("partition_bound")]);
        if (!row[at("partition_of")].is_null())
            table.partition_of =
                qualified_name(nlohmann::json::parse(row[at("partition_of")].c_str()));
        if (!row[at("inherits")].is_null())
            for (const auto& parent : nlohmann::json::parse(row[at("inherits")].c_str()))
                table.inherits.push_back(qualified_name(parent));
        table.storage_parameters = sorted_text_list(row[at("storage_parameters")]);
        table.access_method = optional_text(row[at("access_method")]);
        table.row_security = row[at("row_security")].as<bool>();
        table.force_row_security = row[at("force_row_security")].as<bool>();
        table.comment = optional_text(row[at("comment")]);
        table.acl = sorted_text_list(row[at("acl")]);
        set_replica_identity(table, row[at("replica_identity")].as<std::string>(),
                             optional_text(row[at("replica_identity_index")]));
        tables.push_back(std::move(table));
    }
    return tables;
}

}  // namespace driftless::catalog
