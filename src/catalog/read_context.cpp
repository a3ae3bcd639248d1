#include "catalog/read_context.hpp"

#include <fmt/format.h>

namespace driftless::catalog {

namespace {
std::string literal(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') quoted += '\'';
        quoted += c;
    }
    return quoted + "'";
}
}  // namespace

std::string schema_in_scope(const std::string& alias, const ReadContext& context) {
    std::string condition = fmt::format(
        "({0}.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
        "AND {0}.nspname NOT LIKE 'pg\\_temp\\_%' AND {0}.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'",
        alias);
    if (!context.schemas.empty()) {
        std::string list;
        for (const auto& schema : context.schemas)
            list += (list.empty() ? "" : ", ") + literal(schema);
        condition += fmt::format(" AND {}.nspname IN ({})", alias, list);
    }
    return condition + ")";
}

// Extension members are looked up from the extension's side (pg_depend_reference_index on
// refclassid = pg_extension) into one hashed list: a correlated probe per row cost tens of
// milliseconds on the 40,000 columns of a 5,000-table schema. objid is never NULL, so NOT IN
// means what it says.
std::string not_extension_member(const std::string& catalog, const std::string& oid_expression) {
    return fmt::format(
        "{} NOT IN (SELECT ext_dep.objid FROM pg_depend ext_dep "
        "WHERE ext_dep.refclassid = 'pg_extension'::regclass AND ext_dep.deptype = 'e' "
        "AND ext_dep.classid = '{}'::regclass)",
        oid_expression, catalog);
}

}  // namespace driftless::catalog
