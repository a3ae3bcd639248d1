#pragma once
// aclitem texts ("grantee=privileges/grantor", grantee empty for PUBLIC, names quoted with
// double quotes when needed), as the catalog reads them and the diff compares them.
#include <string>
#include <vector>

namespace driftless::model {

struct AclItem {
    std::string grantee;     // "" for PUBLIC
    std::string privileges;  // letters, each followed by '*' when grantable: "r*w"
    std::string grantor;
};

inline std::string read_acl_role(const std::string& text, std::size_t& at) {
    std::string name;
    if (at < text.size() && text[at] == '"') {
        for (++at; at < text.size(); ++at) {
            if (text[at] != '"') {
                name += text[at];
            } else if (at + 1 < text.size() && text[at + 1] == '"') {
                name += '"';
                ++at;
            } else {
                ++at;
                break;
            }
        }
        return name;
    }
    while (at < text.size() && text[at] != '=' && text[at] != '/') name += text[at++];
    return name;
}

inline AclItem parse_acl_item(const std::string& text) {
    AclItem item;
    std::size_t at = 0;
    item.grantee = read_acl_role(text, at);
    if (at < text.size() && text[at] == '=') ++at;
    while (at < text.size() && text[at] != '/') item.privileges += text[at++];
    if (at < text.size()) ++at;
    item.grantor = read_acl_role(text, at);
    return item;
}

// Whether an ACL grants nothing beyond its kind's defaults: the owner's own rights, and
// PUBLIC's `public_privileges` ("X" for routines, "U" for types, "" otherwise). The server
// keeps such an ACL explicit after a GRANT that was revoked again, where a fresh object has
// none; both mean the same.
inline bool is_default_acl(const std::vector<std::string>& acl, const std::string& public_privileges) {
    bool public_seen = false;
    for (const auto& text : acl) {
        AclItem item = parse_acl_item(text);
        if (item.grantee == item.grantor) continue;
        if (!item.grantee.empty() || item.privileges != public_privileges) return false;
        public_seen = true;
    }
    return public_seen == !public_privileges.empty();
}

}  // namespace driftless::model
