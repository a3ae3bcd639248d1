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

std::string not_extension_member(const std::string& catalog, const std::string& oid_expression) {
    return fmt::format(
        "NOT EXISTS (SELECT 1 FROM pg_depend ext_dep WHERE ext_dep.classid = '{}'::regclass "
        "AND ext_dep.objid = {} AND ext_dep.deptype = 'e')",
        catalog, oid_expression);
}

}  // namespace driftless::catalog
