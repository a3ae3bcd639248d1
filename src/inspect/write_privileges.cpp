// Privileges in the written files: GRANT / REVOKE statements that give each object the ACL it
// was read with, starting from its kind's defaults, so loading the files reproduces the ACLs.
// Objects read without privileges (the default) have empty ACLs and get none.
#include "emit/grants.hpp"
#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

Group privilege_statements(std::string_view target, const std::vector<std::string>& acl,
                           std::string_view default_public, std::string_view column) {
    if (acl.empty()) return {};
    return emit::grant_statements(emit::effective_grants({}, default_public),
                                  emit::effective_grants(acl, default_public), target, column);
}

Group table_privileges(const model::Table& table) {
    std::string target = "TABLE " + emit::quote_qualified(table.name);
    Group statements = privilege_statements(target, table.acl, "");
    for (const auto& column : table.columns) {
        // A column has no default grants: its ACL lists exactly what was granted on it.
        for (auto& statement :
             privilege_statements(target, column.acl, "", emit::quote_identifier(column.name)))
            statements.push_back(std::move(statement));
    }
    return statements;
}

}  // namespace driftless::inspect
