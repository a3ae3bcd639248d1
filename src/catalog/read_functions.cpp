#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// pg_get_functiondef refuses aggregates, so their CREATE statement is assembled here from
// pg_aggregate, option by option in pg_dump's order, leaving out what CREATE AGGREGATE would
// default to anyway. Support functions render through regproc (qualified when the
// search_path or an overload needs it), types through format_type.
// Functions with an internal dependency (deptype 'i') are made by the server for another
// object (a range type's constructors) and are recreated with it, never on their own.
constexpr const char* functions_query = R"SQL(
SELECT n.nspname AS schema, p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS arguments,
       p.prokind AS kind,
       coalesce(pg_get_function_result(p.oid), '') AS result,
       l.lanname AS language,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) ELSE
         'CREATE OR REPLACE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
         || '(' || CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END || E') (\n'
         || '    SFUNC = ' || a.aggtransfn::regproc::text
         || E',\n    STYPE = ' || format_type(a.aggtranstype, NULL)
         || CASE WHEN a.aggtransspace <> 0 THEN E',\n    SSPACE = ' || a.aggtransspace ELSE '' END
         || CASE WHEN a.aggfinalfn <> 0 THEN E',\n    FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END
         || CASE WHEN a.aggfinalextra THEN E',\n    FINALFUNC_EXTRA' ELSE '' END
         || CASE WHEN a.aggfinalfn <> 0 AND a.aggfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END
                 THEN E',\n    FINALFUNC_MODIFY = ' || {modify_a} ELSE '' END
         || CASE WHEN a.aggcombinefn <> 0 THEN E',\n    COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END
         || CASE WHEN a.aggserialfn <> 0 THEN E',\n    SERIALFUNC = ' || a.aggserialfn::regproc::text ELSE '' END
         || CASE WHEN a.aggdeserialfn <> 0 THEN E',\n    DESERIALFUNC = ' || a.aggdeserialfn::regproc::text ELSE '' END
         || CASE WHEN a.agginitval IS NOT NULL THEN E',\n    INITCOND = ' || quote_literal(a.agginitval) ELSE '' END
         || CASE WHEN a.aggmtransfn <> 0 THEN
                   E',\n    MSFUNC = ' || a.aggmtransfn::regproc::text
                   || E',\n    MINVFUNC = ' || a.aggminvtransfn::regproc::text
                   || E',\n    MSTYPE = ' || format_type(a.aggmtranstype, NULL) ELSE '' END
         || CASE WHEN a.aggmtransspace <> 0 THEN E',\n    MSSPACE = ' || a.aggmtransspace ELSE '' END
         || CASE WHEN a.aggmfinalfn <> 0 THEN E',\n    MFINALFUNC = ' || a.aggmfinalfn::regproc::text ELSE '' END
         || CASE WHEN a.aggmfinalextra THEN E',\n    MFINALFUNC_EXTRA' ELSE '' END
         || CASE WHEN a.aggmfinalfn <> 0 AND a.aggmfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END
                 THEN E',\n    MFINALFUNC_MODIFY = ' || {modify_m} ELSE '' END
         || CASE WHEN a.aggminitval IS NOT NULL THEN E',\n    MINITCOND = ' || quote_literal(a.aggminitval) ELSE '' END
         || CASE WHEN a.aggsortop <> 0 THEN E',\n    SORTOP = '
                 || CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname
                         ELSE 'OPERATOR(' || quote_ident(opn.nspname) || '.' || op.oprname || ')' END ELSE '' END
         || CASE p.proparallel WHEN 's' THEN E',\n    PARALLEL = SAFE'
                               WHEN 'r' THEN E',\n    PARALLEL = RESTRICTED' ELSE '' END
         || CASE WHEN a.aggkind = 'h' THEN E',\n    HYPOTHETICAL' ELSE '' END
         || E'\n);'
       END AS definition,
       d.description AS comment,
       coalesce((SELECT json_agg(item ORDER BY item COLLATE "C")
                 FROM unnest(p.proacl::text[]) AS item)::text, '[]') AS acl
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
LEFT JOIN pg_operator op ON op.oid = a.aggsortop
LEFT JOIN pg_namespace opn ON opn.oid = op.oprnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE {scope}
  AND {not_extension_member}
  AND NOT EXISTS (SELECT 1 FROM pg_depend internal_dep
                  WHERE internal_dep.classid = 'pg_proc'::regclass AND internal_dep.objid = p.oid
                    AND internal_dep.deptype = 'i')
ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C",
         pg_get_function_identity_arguments(p.oid) COLLATE "C"
)SQL";

std::string modify_option(const std::string& column) {
    return fmt::format(
        "CASE {} WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END",
        column);
}

model::RoutineKind routine_kind(const std::string& prokind, const std::string& name) {
    if (prokind == "f") return model::RoutineKind::function;
    if (prokind == "p") return model::RoutineKind::procedure;
    if (prokind == "a") return model::RoutineKind::aggregate;
    if (prokind == "w") return model::RoutineKind::window;
    throw FailureError(fmt::format("function {} has an unknown prokind '{}'", name, prokind));
}

}  // namespace

std::string functions_sql(const ReadContext& context) {
    return fmt::format(functions_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension_member", not_extension_member("pg_proc", "p.oid")),
                       fmt::arg("modify_a", modify_option("a.aggfinalmodify")),
                       fmt::arg("modify_m", modify_option("a.aggmfinalmodify")));
}

std::vector<model::Function> functions_from(const pqxx::result& result) {
    std::vector<model::Function> functions;
    for (const auto& row : result) {
        model::Function function;
        function.name = {row["schema"].as<std::string>(), row["name"].as<std::string>()};
        function.arguments = row["arguments"].as<std::string>();
        function.kind = routine_kind(row["kind"].as<std::string>(), function.name.display());
        function.result = row["result"].as<std::string>();
        function.language = row["language"].as<std::string>();
        function.definition = row["definition"].as<std::string>();
        // pg_get_functiondef ends with a newline after the body; the statement does not need it.
        while (!function.definition.empty() && function.definition.back() == '\n')
            function.definition.pop_back();
        function.comment = optional_text(row["comment"]);
        function.acl =
            nlohmann::json::parse(row["acl"].as<std::string>()).get<std::vector<std::string>>();
        functions.push_back(std::move(function));
    }
    return functions;
}

}  // namespace driftless::catalog
