#include "catalog/readers.hpp"

namespace driftless::catalog {

namespace {

// Extensions are database-wide, so the schema scope does not filter them: objects in a
// scoped schema may still depend on an extension installed elsewhere (often public), and
// extensions that live in pg_catalog would otherwise vanish. plpgsql ships with every
// database and is never something a schema file declares.
constexpr const char* extensions_query = R"SQL(
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname COLLATE "C"
)SQL";

}  // namespace

std::string extensions_sql(const ReadContext&) {
    return extensions_query;
}

std::vector<model::Extension> extensions_from(const pqxx::result& result) {
    std::vector<model::Extension> extensions;
    for (const auto& row : result) {
        extensions.push_back({row["name"].as<std::string>(), row["schema"].as<std::string>(),
                              row["version"].as<std::string>()});
    }
    return extensions;
}

}  // namespace driftless::catalog
