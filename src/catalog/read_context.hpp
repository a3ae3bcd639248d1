#pragma once
// What every catalog reader gets: the server version (queries adapt to 12–17) and which
// schemas are in scope. Readers always leave out system schemas, temporary schemas and
// objects that belong to an extension; name exclusions and the tracking table are applied
// by read_schema afterwards.
#include <string>
#include <vector>

namespace driftless::catalog {

struct ReadContext {
    int server_version = 150000;       // server_version_num
    std::vector<std::string> schemas;  // empty: every user schema
};

// SQL condition true for a user schema in scope, for a pg_namespace alias, e.g.
// `WHERE ` + schema_in_scope("n", context). Schemas are inlined as quoted literals.
std::string schema_in_scope(const std::string& namespace_alias, const ReadContext& context);

// SQL condition true when the object (class catalog, object oid expression) does not belong
// to an extension: `not_extension_member("pg_class", "c.oid")`.
std::string not_extension_member(const std::string& catalog, const std::string& oid_expression);

}  // namespace driftless::catalog
