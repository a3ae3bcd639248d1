#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"

namespace driftless::catalog {

namespace {

// Every in-scope schema, public included: whether public is worth writing out is the
// writer's decision, not the reader's. ACL items are sorted because GRANT order is not
// meaningful and must not show up as drift.
constexpr const char* namespaces_query = R"SQL(
SELECT n.nspname AS name,
       d.description AS comment,
       coalesce((SELECT json_agg(item ORDER BY item COLLATE "C")
                 FROM unnest(n.nspacl::text[]) AS item)::text, '[]') AS acl
FROM pg_namespace n
LEFT JOIN pg_description d
  ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid AND d.objsubid = 0
WHERE {scope}
  AND {not_extension_member}
ORDER BY n.nspname COLLATE "C"
)SQL";

}  // namespace

std::string namespaces_sql(const ReadContext& context) {
    return fmt::format(
        namespaces_query, fmt::arg("scope", schema_in_scope("n", context)),
        fmt::arg("not_extension_member", not_extension_member("pg_namespace", "n.oid")));
}

std::vector<model::Namespace> namespaces_from(const pqxx::result& result) {
    std::vector<model::Namespace> namespaces;
    for (const auto& row : result) {
        model::Namespace item;
        item.name = row["name"].as<std::string>();
        item.comment = optional_text(row["comment"]);
        item.acl = text_list(row["acl"].as<std::string>());
        namespaces.push_back(std::move(item));
    }
    return namespaces;
}

}  // namespace driftless::catalog
