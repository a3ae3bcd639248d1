// Columns of every table, partitioned table and foreign table in scope, in one query over
// pg_attribute, returned keyed by their table so read_schema can attach them.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// collation: a name ready to follow COLLATE. quote_ident quotes only when needed ("C",
// "en_US", but ucs_basic); collations outside pg_catalog are schema-qualified, because
// they are found by search_path otherwise. It is reported only when it differs from the
// type's own collation, which is what a column without COLLATE gets.
//
// options: attoptions (n_distinct, n_distinct_inherited). Some server builds keep a
// bookkeeping entry of their own there (pg_attver=<number>) on every attribute, which
// differs between databases and cannot be set or reset; it is not the schema's. The list is
// unpacked only when it holds something else: doing it for every column cost as much again
// as the rest of the query.
//
// Defaults and generation expressions share pg_attrdef; attgenerated tells them apart.
// The identity sequence is the one tied to the column by an internal ('i') dependency. From
// PostgreSQL 17 on, a partition's column shows its parent's identity without a sequence of
// its own; it comes with PARTITION OF, so it reads as no identity, as on earlier servers.
// A default cannot refer to columns, so it is deparsed without its table (relid 0): with
// the table, the server opens it and builds its relcache entry, which cost more than the
// rest of the query on large schemas. Generation expressions do refer to columns.
// pg_attrdef is read whole and hash-joined (OFFSET 0 keeps the planner from probing its
// index once per column): 7,000 index descents on 1,000 tables cost a few ms more, cold.
//
// Rows come unsorted and are put in (table oid, attnum) order here: sorting the wide rows on
// the server cost a fifth of the query on 5,000 tables.
constexpr const char* columns_query = R"SQL(
SELECT a.attrelid AS table_oid,
       a.attnum AS attnum,
       n.nspname AS schema_name,
       c.relname AS table_name,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
            CASE WHEN coll.collnamespace = 'pg_catalog'::regnamespace THEN quote_ident(coll.collname)
                 ELSE quote_ident(colln.nspname) || '.' || quote_ident(coll.collname) END
       END AS collation,
       pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END)
         AS expression,
       a.attgenerated::text AS generated,
       a.attnotnull AS not_null,
       CASE WHEN c.relispartition AND seq.seqrelid IS NULL THEN '' ELSE a.attidentity::text END
         AS identity,
       format_type(seq.seqtypid, NULL) AS identity_type,
       seq.seqstart AS identity_start,
       seq.seqincrement AS identity_increment,
       seq.seqmin AS identity_min,
       seq.seqmax AS identity_max,
       seq.seqcache AS identity_cache,
       seq.seqcycle AS identity_cycle,
       CASE WHEN a.attstorage <> t.typstorage THEN
            CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'
                              WHEN 'x' THEN 'extended' WHEN 'm' THEN 'main' END
       END AS storage,
       {compression} AS compression,
       d.description AS comment,
       to_json(a.attacl::text[]) AS acl,
       NOT a.attislocal AS inherited,
       {statistics_target} AS statistics_target,
       CASE WHEN cardinality(a.attoptions) > 1 OR a.attoptions[1] NOT LIKE 'pg\_attver=%' THEN
            array_to_json(ARRAY(SELECT o FROM unnest(a.attoptions) AS o
                                 WHERE o NOT LIKE 'pg\_attver=%' ORDER BY o COLLATE "C"))
       END AS options
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
  LEFT JOIN pg_namespace colln ON colln.oid = coll.collnamespace
  LEFT JOIN (SELECT adrelid, adnum, adbin FROM pg_attrdef OFFSET 0) ad
         ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_depend seqdep
         ON a.attidentity <> '' AND seqdep.refclassid = 'pg_class'::regclass AND seqdep.refobjid = c.oid
        AND seqdep.refobjsubid = a.attnum AND seqdep.classid = 'pg_class'::regclass AND seqdep.deptype = 'i'
  LEFT JOIN pg_sequence seq ON seq.seqrelid = seqdep.objid
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = a.attnum
 WHERE c.relkind IN ('r', 'p', 'f')
   AND a.attnum > 0
   AND NOT a.attisdropped
   AND {scope}
   AND {not_extension}
)SQL";

// SET STATISTICS: before PostgreSQL 17 attstattarget is -1 for "the default"; from 17 on it
// is NULL then (and an int2).
constexpr const char* statistics_target_17 = "a.attstattarget::integer";
constexpr const char* statistics_target_before_17 = "nullif(a.attstattarget, -1)";

// attcompression arrived in PostgreSQL 14; '' means "the server's default_toast_compression".
constexpr const char* compression_14 =
    "CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END";
constexpr const char* compression_before_14 = "NULL::text";

template <typename Where>
model::Identity identity(std::string_view code, const Where& where) {
    if (code.empty()) return model::Identity::none;
    if (code == "a") return model::Identity::always;
    if (code == "d") return model::Identity::by_default;
    throw FailureError(fmt::format("column {} has unexpected attidentity '{}'", where(), code));
}

}  // namespace

std::string columns_sql(const ReadContext& context) {
    return fmt::format(
        columns_query, fmt::arg("scope", schema_in_scope("n", context)),
        fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")),
        fmt::arg("compression",
                 context.server_version >= 140000 ? compression_14 : compression_before_14),
        fmt::arg("statistics_target", context.server_version >= 170000
                                          ? statistics_target_17
                                          : statistics_target_before_17));
}

std::vector<TableColumns> columns_from(const pqxx::result& result) {
    const FieldPositions at(result);
    const auto table_oid = at("table_oid"), attnum = at("attnum"), schema_name = at("schema_name"),
               table_name = at("table_name"), column_name = at("column_name"), type = at("type"),
               collation = at("collation"), expression = at("expression"),
               generated = at("generated"), not_null = at("not_null"),
               identity_code = at("identity"), identity_type = at("identity_type"),
               identity_start = at("identity_start"), identity_increment = at("identity_increment"),
               identity_min = at("identity_min"), identity_max = at("identity_max"),
               identity_cache = at("identity_cache"), identity_cycle = at("identity_cycle"),
               storage = at("storage"), compression = at("compression"), comment = at("comment"),
               acl = at("acl"), inherited = at("inherited"),
               statistics_target = at("statistics_target"), options = at("options");
    struct Position {
        std::uint64_t table_oid;
        int attnum;
        pqxx::result::size_type row;
    };
    std::vector<Position> order;
    order.reserve(result.size());
    // Only the two sort fields here; each row's other fields are read once, below.
    for (pqxx::result::size_type i = 0; i < result.size(); ++i) {
        const auto row = result[i];
        order.push_back({oid_value(row[table_oid]), row[attnum].as<int>(), i});
    }
    std::sort(order.begin(), order.end(), [](const Position& a, const Position& b) {
        return std::tie(a.table_oid, a.attnum) < std::tie(b.table_oid, b.attnum);
    });
    // Each table's columns go straight into a vector of their own, which read_schema moves
    // into the table: moving 35,000 columns one by one into new memory cost 50 ms.
    std::vector<TableColumns> tables;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Position& position = order[i];
        const auto row = result[position.row];
        if (i == 0 || position.table_oid != order[i - 1].table_oid) {
            std::size_t end = i + 1;
            while (end < order.size() && order[end].table_oid == position.table_oid) ++end;
            TableColumns& group = tables.emplace_back();
            group.table = {row[schema_name].as<std::string>(), row[table_name].as<std::string>()};
            group.columns.reserve(end - i);
            group.attnums.reserve(end - i);
        }
        TableColumns& group = tables.back();
        model::Column& column = group.columns.emplace_back();
        group.attnums.push_back(position.attnum);
        column.name = row[column_name].as<std::string>();
        // Only for errors: built when one is thrown.
        auto where = [&] { return group.table.display() + "." + column.name; };
        column.type = row[type].as<std::string>();
        column.collation = optional_text(row[collation]);
        std::string_view generation = std::string_view(row[generated].c_str());
        if (generation == "s") {
            column.generated = model::Generated::stored;
            column.generation_expression = optional_text(row[expression]);
        } else if (generation.empty()) {
            column.default_expression = optional_text(row[expression]);
        } else {
            throw FailureError(
                fmt::format("column {} has unexpected attgenerated '{}'", where(), generation));
        }
        column.not_null = (row[not_null].c_str()[0] == 't');
        column.identity = identity(std::string_view(row[identity_code].c_str()), where);
        if (column.identity != model::Identity::none) {
            if (row[identity_type].is_null())
                throw FailureError(
                    fmt::format("identity column {} has no identity sequence", where()));
            model::SequenceOptions sequence;
            sequence.data_type = row[identity_type].as<std::string>();
            sequence.start = row[identity_start].as<std::int64_t>();
            sequence.increment = row[identity_increment].as<std::int64_t>();
            sequence.min_value = row[identity_min].as<std::int64_t>();
            sequence.max_value = row[identity_max].as<std::int64_t>();
            sequence.cache = row[identity_cache].as<std::int64_t>();
            sequence.cycle = (row[identity_cycle].c_str()[0] == 't');
            column.identity_options = sequence;
        }
        column.storage = optional_text(row[storage]);
        column.compression = optional_text(row[compression]);
        column.comment = optional_text(row[comment]);
        column.acl = sorted_text_list(row[acl]);
        column.inherited = (row[inherited].c_str()[0] == 't');
        if (!row[statistics_target].is_null())
            column.statistics_target = row[statistics_target].as<int>();
        column.options = text_list(row[options]);
    }
    return tables;
}

}  // namespace driftless::catalog
