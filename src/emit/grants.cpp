#include "emit/grants.hpp"

#include "emit/quote.hpp"
#include "model/acl.hpp"

namespace driftless::emit {

namespace {

const char* privilege_name(char letter) {
    switch (letter) {
        case 'r':
            return "SELECT";
        case 'w':
            return "UPDATE";
        case 'a':
            return "INSERT";
        case 'd':
            return "DELETE";
        case 'D':
            return "TRUNCATE";
        case 'x':
            return "REFERENCES";
        case 't':
            return "TRIGGER";
        case 'X':
            return "EXECUTE";
        case 'U':
            return "USAGE";
        case 'C':
            return "CREATE";
        case 'c':
            return "CONNECT";
        case 'T':
            return "TEMPORARY";
        case 'm':
            return "MAINTAIN";
        default:
            return nullptr;
    }
}

std::string role_sql(const std::string& grantee) {
    return grantee.empty() ? "PUBLIC" : quote_identifier(grantee);
}

}  // namespace

Grants effective_grants(const std::vector<std::string>& acl, std::string_view default_public) {
    Grants grants;
    if (acl.empty()) {
        for (char letter : default_public) grants[""].insert(std::string(1, letter));
        return grants;
    }
    for (const auto& text : acl) {
        model::AclItem parsed = model::parse_acl_item(text);
        if (parsed.grantee == parsed.grantor) continue;  // the owner's own rights
        const std::string& privileges = parsed.privileges;
        for (std::size_t i = 0; i < privileges.size(); ++i) {
            bool grantable = i + 1 < privileges.size() && privileges[i + 1] == '*';
            grants[parsed.grantee].insert(std::string(1, privileges[i]) + (grantable ? "*" : ""));
            if (grantable) ++i;
        }
    }
    return grants;
}

std::vector<std::string> grant_statements(const Grants& before, const Grants& after,
                                          std::string_view target, std::string_view column) {
    std::vector<std::string> statements;
    if (before == after) return statements;
    std::set<std::string> roles;
    for (const auto& [role, _] : before) roles.insert(role);
    for (const auto& [role, _] : after) roles.insert(role);
    std::string column_list = column.empty() ? "" : " (" + std::string(column) + ")";
    const std::set<std::string> none;
    for (const auto& role : roles) {
        auto old_it = before.find(role);
        auto new_it = after.find(role);
        const auto& old_set = old_it == before.end() ? none : old_it->second;
        const auto& new_set = new_it == after.end() ? none : new_it->second;
        std::string revoke, revoke_option, grant, grant_option;
        auto add = [&](std::string& list, char letter) {
            const char* name = privilege_name(letter);
            if (!name) return;
            list += (list.empty() ? "" : ", ") + std::string(name) + column_list;
        };
        for (const auto& p : old_set) {
            if (new_set.count(p)) continue;
            bool grantable = p.size() > 1;
            if (grantable && new_set.count(p.substr(0, 1)))
                add(revoke_option, p[0]);
            else
                add(revoke, p[0]);
        }
        for (const auto& p : new_set) {
            if (old_set.count(p)) continue;
            bool grantable = p.size() > 1;
            if (!grantable && old_set.count(p + "*")) continue;  // handled as GRANT OPTION FOR
            add(grantable ? grant_option : grant, p[0]);
        }
        std::string on = " ON " + std::string(target);
        if (!revoke.empty())
            statements.push_back("REVOKE " + revoke + on + " FROM " + role_sql(role) + ";");
        if (!revoke_option.empty())
            statements.push_back("REVOKE GRANT OPTION FOR " + revoke_option + on + " FROM " +
                                 role_sql(role) + ";");
        if (!grant.empty())
            statements.push_back("GRANT " + grant + on + " TO " + role_sql(role) + ";");
        if (!grant_option.empty())
            statements.push_back("GRANT " + grant_option + on + " TO " + role_sql(role) +
                                 " WITH GRANT OPTION;");
    }
    return statements;
}

}  // namespace driftless::emit
