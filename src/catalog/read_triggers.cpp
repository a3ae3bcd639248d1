// User triggers on tables, partitioned tables, foreign tables and views in scope, in one
// query. Internal triggers (foreign key enforcement, deferred unique checks) are the
// server's business and left out.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// pretty = false, as pg_dump does: the pretty form can under-parenthesize WHEN clauses.
// {clone_filter} leaves out a partition's copy of its parent's trigger, which the server
// recreates with every partition; on 13+ the copy is marked by tgparentid, before 13 it
// was tgisinternal and the first condition already drops it.
constexpr const char* triggers_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       t.tgname AS trigger_name,
       pg_get_triggerdef(t.oid, false) AS definition,
       fn.nspname AS function_schema,
       f.proname AS function_name,
       t.tgenabled::text AS enabled,
       t.tgconstraint <> 0 AS is_constraint,
       d.description AS comment
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_proc f ON f.oid = t.tgfoid
  JOIN pg_namespace fn ON fn.oid = f.pronamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_trigger'::regclass AND d.objoid = t.oid AND d.objsubid = 0
 WHERE NOT t.tgisinternal
   {clone_filter}
   AND c.relkind IN ('r', 'p', 'f', 'v')
   AND {scope}
   AND {not_extension}
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", t.tgname COLLATE "C"
)SQL";

char enabled_code(const std::string& tgenabled, const std::string& where) {
    if (tgenabled == "O" || tgenabled == "D" || tgenabled == "R" || tgenabled == "A")
        return tgenabled[0];
    throw FailureError(fmt::format("trigger {} has unexpected tgenabled '{}'", where, tgenabled));
}

}  // namespace

std::string triggers_sql(const ReadContext& context) {
    return fmt::format(
        triggers_query, fmt::arg("scope", schema_in_scope("n", context)),
        fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")),
        fmt::arg("clone_filter", context.server_version >= 130000 ? "AND t.tgparentid = 0" : ""));
}

std::vector<model::Trigger> triggers_from(const pqxx::result& result) {
    std::vector<model::Trigger> triggers;
    for (const auto& row : result) {
        model::Trigger trigger;
        trigger.table = {row["schema_name"].as<std::string>(), row["table_name"].as<std::string>()};
        trigger.name = row["trigger_name"].as<std::string>();
        trigger.definition = row["definition"].as<std::string>();
        trigger.function = {row["function_schema"].as<std::string>(),
                            row["function_name"].as<std::string>()};
        trigger.enabled = enabled_code(row["enabled"].as<std::string>(),
                                       trigger.name + " on " + trigger.table.display());
        trigger.is_constraint = row["is_constraint"].as<bool>();
        trigger.comment = optional_text(row["comment"]);
        triggers.push_back(std::move(trigger));
    }
    return triggers;
}

}  // namespace driftless::catalog
