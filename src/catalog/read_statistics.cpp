// Extended statistics objects (CREATE STATISTICS) on tables, partitioned tables and
// materialized views in scope, in one query over pg_statistic_ext.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"

namespace driftless::catalog {

namespace {

// A statistics object has a schema of its own: both it and its table must be in scope, or
// the written CREATE STATISTICS would name a schema that is not there. pg_get_statisticsobjdef
// qualifies the statistics name and (with the empty search_path) the table; it leaves out
// the kinds list when every kind the server builds is requested, as written without one.
// Its target (ALTER STATISTICS … SET STATISTICS) is not read: schema files cannot hold
// ALTER STATISTICS yet.
constexpr const char* statistics_query = R"SQL(
SELECT n.nspname AS table_schema,
       c.relname AS table_name,
       sn.nspname AS schema_name,
       s.stxname AS statistics_name,
       pg_get_statisticsobjdef(s.oid) AS definition,
       d.description AS comment
  FROM pg_statistic_ext s
  JOIN pg_class c ON c.oid = s.stxrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_namespace sn ON sn.oid = s.stxnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_statistic_ext'::regclass AND d.objoid = s.oid AND d.objsubid = 0
 WHERE c.relkind IN ('r', 'p', 'm', 'f')
   AND {table_scope}
   AND {statistics_scope}
   AND {table_not_extension}
   AND {statistics_not_extension}
)SQL";

}  // namespace

std::string statistics_sql(const ReadContext& context) {
    return fmt::format(
        statistics_query, fmt::arg("table_scope", schema_in_scope("n", context)),
        fmt::arg("statistics_scope", schema_in_scope("sn", context)),
        fmt::arg("table_not_extension", not_extension_member("pg_class", "c.oid")),
        fmt::arg("statistics_not_extension", not_extension_member("pg_statistic_ext", "s.oid")));
}

std::vector<model::ExtendedStatistics> statistics_from(const pqxx::result& result) {
    std::vector<model::ExtendedStatistics> statistics;
    const FieldPositions at(result);
    for (const auto& row : result) {
        model::ExtendedStatistics item;
        item.table = {row[at("table_schema")].as<std::string>(),
                      row[at("table_name")].as<std::string>()};
        item.name = {row[at("schema_name")].as<std::string>(),
                     row[at("statistics_name")].as<std::string>()};
        item.definition = row[at("definition")].as<std::string>();
        item.comment = optional_text(row[at("comment")]);
        statistics.push_back(std::move(item));
    }
    // Byte order, as COLLATE "C" would give, without a sort on the server.
    std::sort(statistics.begin(), statistics.end(), [](const auto& a, const auto& b) {
        return std::tie(a.table, a.name) < std::tie(b.table, b.name);
    });
    return statistics;
}

}  // namespace driftless::catalog
