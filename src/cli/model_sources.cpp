#include "cli/model_sources.hpp"

#include <fmt/format.h>

#include "apply/runner.hpp"
#include "apply/sum_file.hpp"
#include "catalog/read_schema.hpp"
#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "diff/diff_schema.hpp"
#include "loader/check_schema.hpp"
#include "parser/schema_parser.hpp"
#include "util/error.hpp"

namespace driftless::cli {

namespace fs = std::filesystem;

catalog::ReadOptions read_options(const Config& config) {
    catalog::ReadOptions options;
    options.tracking_table = config.tracking_table;
    options.privileges = config.privileges;
    return options;
}

model::Schema read_model(const std::string& conninfo, const Config& config) {
    return catalog::read_schema(conninfo, read_options(config));
}

diff::RenamedState renamed_toward(const ModelSource& from, const ModelSource& to,
                                  const Config& config) {
    return diff::rename_in_database(from.conninfo, from.model, to.model, to.renames,
                                    read_options(config));
}

diff::Plan plan_toward(const ModelSource& from, const ModelSource& to, const Config& config) {
    auto renamed = renamed_toward(from, to, config);
    auto plan = diff::diff_schemas(renamed.model, to.model);
    diff::prepend_renames(plan, renamed.renames);
    return plan;
}

ModelSource schema_files_source(const fs::path& schema, scratch::ScratchServer& server,
                                const Config& config, bool quiet) {
    ModelSource source;
    source.description = schema.string();
    source.scratch = server.create_database();
    source.conninfo = source.scratch->conninfo();
    // Every syntax error of every file before any database work.
    auto statements = parser::parse_sources(parser::read_schema_sources(schema));
    {
        db::Session session(source.conninfo);
        loader::load_statements(session, statements, {quiet});
    }
    source.renames = diff::rename_hints(statements);
    source.model = read_model(source.conninfo, config);
    return source;
}

ModelSource migrations_source(const fs::path& migrations, scratch::ScratchServer& server,
                              const Config& config, const std::string& template_database) {
    apply::MigrationSet set = apply::read_migrations(migrations);
    apply::check_sum(set, migrations / "driftless.sum");
    ModelSource source;
    source.description = migrations.string();
    source.scratch = server.create_database(template_database);
    source.conninfo = source.scratch->conninfo();
    apply::ApplyOptions options;
    options.settings.lock_retries = 0;
    apply::apply_pending(source.conninfo, set, apply::TrackingTable(config.tracking_table), options);
    source.model = read_model(source.conninfo, config);
    return source;
}

ModelSource database_source(const std::string& conninfo, const std::string& description,
                            const Config& config) {
    ModelSource source;
    source.description = description;
    source.conninfo = conninfo;
    source.model = read_model(conninfo, config);
    return source;
}

ModelSource resolve_source(const std::string& text, scratch::ScratchServer& server,
                           const Config& config, bool quiet) {
    if (text.rfind("env:", 0) == 0) {
        Target target = resolve_target(config, "", text.substr(4), "diff");
        return database_source(target.url, text + " (" + db::redact(target.url) + ")", config);
    }
    if (text.find("://") != std::string::npos || text.find('=') != std::string::npos)
        return database_source(text, db::redact(text), config);
    fs::path path(text);
    std::error_code error;
    if (!fs::exists(path, error))
        throw InputError(fmt::format("{}: no such file or directory (expected a schema path, a "
                                     "migrations directory, a URL or env:NAME)",
                                     text));
    bool migrations = fs::is_directory(path) &&
                      (fs::exists(path / "driftless.sum") ||
                       fs::equivalent(path, config.migrations, error));
    if (migrations) return migrations_source(path, server, config);
    return schema_files_source(path, server, config, quiet);
}

}  // namespace driftless::cli
