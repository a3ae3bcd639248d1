#include "loader/check_schema.hpp"

#include "catalog/object_counts.hpp"
#include "loader/schema_loader.hpp"
#include "parser/schema_parser.hpp"

namespace driftless::loader {

LoadSummary load_schema_path(const std::filesystem::path& schema_path, db::Session& session,
                             bool quiet) {
    auto statements = parser::parse_sources(parser::read_schema_sources(schema_path));
    return load_statements(session, statements, {quiet});
}

CheckResult check_schema(const std::filesystem::path& schema_path, scratch::ScratchServer& server,
                         bool quiet) {
    auto sources = parser::read_schema_sources(schema_path);
    auto statements =
        parser::parse_sources(sources);  // every syntax error before any database work
    auto database = server.create_database();
    db::Session session(database->conninfo());
    LoadSummary summary = load_statements(session, statements, {quiet});
    CheckResult result;
    result.files = sources.size();
    result.statements = summary.statements;
    result.rounds = summary.rounds;
    result.objects = catalog::count_objects(session);
    return result;
}

}  // namespace driftless::loader
