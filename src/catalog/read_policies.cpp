// Row-level security policies on relations in scope, in one query.
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

// polroles holds 0 for PUBLIC, which has no pg_roles row. Expressions are rendered against
// the policy's table so column references come out unqualified.
constexpr const char* policies_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       pol.polname AS policy_name,
       pol.polpermissive AS permissive,
       pol.polcmd::text AS command,
       (SELECT json_agg(CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE rl.rolname END)
          FROM unnest(pol.polroles) AS r(oid)
          LEFT JOIN pg_roles rl ON rl.oid = r.oid) AS roles,
       pg_get_expr(pol.polqual, pol.polrelid) AS using_expression,
       pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expression,
       d.description AS comment
  FROM pg_policy pol
  JOIN pg_class c ON c.oid = pol.polrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_policy'::regclass AND d.objoid = pol.oid AND d.objsubid = 0
 WHERE {scope}
   AND {not_extension}
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", pol.polname COLLATE "C"
)SQL";

std::string command_name(const std::string& polcmd, const std::string& where) {
    if (polcmd == "*") return "ALL";
    if (polcmd == "r") return "SELECT";
    if (polcmd == "a") return "INSERT";
    if (polcmd == "w") return "UPDATE";
    if (polcmd == "d") return "DELETE";
    throw FailureError(fmt::format("policy {} has unexpected polcmd '{}'", where, polcmd));
}

}  // namespace

std::string policies_sql(const ReadContext& context) {
    return fmt::format(policies_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")));
}

std::vector<model::Policy> policies_from(const pqxx::result& result) {
    std::vector<model::Policy> policies;
    for (const auto& row : result) {
        model::Policy policy;
        policy.table = {row["schema_name"].as<std::string>(), row["table_name"].as<std::string>()};
        policy.name = row["policy_name"].as<std::string>();
        std::string where = policy.name + " on " + policy.table.display();
        policy.permissive = row["permissive"].as<bool>();
        policy.command = command_name(row["command"].as<std::string>(), where);
        if (row["roles"].is_null())
            throw FailureError(fmt::format("policy {} has no roles", where));
        policy.roles = nlohmann::json::parse(row["roles"].c_str()).get<std::vector<std::string>>();
        std::sort(policy.roles.begin(), policy.roles.end());
        policy.using_expression = optional_text(row["using_expression"]);
        policy.check_expression = optional_text(row["check_expression"]);
        policy.comment = optional_text(row["comment"]);
        policies.push_back(std::move(policy));
    }
    return policies;
}

}  // namespace driftless::catalog
