#pragma once
// GRANT / REVOKE statements from ACLs (aclitem texts), shared by the diff (privileges that
// changed) and inspect (privileges an object has beyond its kind's defaults).
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace driftless::emit {

// grantee ("" for PUBLIC) → privilege letters, each followed by '*' when grantable.
using Grants = std::map<std::string, std::set<std::string>>;

// What an ACL grants, without the owner's rights on what it owns (grantee = grantor), so
// objects with different owners compare. An empty ACL is the kind's default: PUBLIC holds
// `default_public` ("X" for routines, "U" for types, "" otherwise).
Grants effective_grants(const std::vector<std::string>& acl, std::string_view default_public);

// The statements that turn `before` into `after` on `target` (what follows ON: `TABLE
// app.t`); `column` (quoted) makes them column privileges. One REVOKE, REVOKE GRANT OPTION
// FOR, GRANT and GRANT … WITH GRANT OPTION at most per role, roles in byte order.
std::vector<std::string> grant_statements(const Grants& before, const Grants& after,
                                          std::string_view target, std::string_view column = {});

}  // namespace driftless::emit
