#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/read_schema.hpp"
#include "cli/apply_common.hpp"
#include "cli/command.hpp"
#include "inspect/schema_writer.hpp"
#include "util/error.hpp"
#include "util/file_tree.hpp"
#include "util/trace.hpp"

namespace driftless::cli {

namespace {

struct InspectOptions {
    TargetOptions target;
    std::string out;
    bool force = false;
    std::vector<std::string> schemas;
    std::vector<std::string> excludes;
};

int run_inspect(const GlobalOptions& globals, const InspectOptions& options) {
    Config config = globals.config();
    std::string url = resolve_target(config, options.target.url, options.target.env, "inspect").url;
    catalog::ReadOptions read;
    read.schemas = options.schemas;
    read.exclude_patterns = options.excludes;
    read.tracking_table = config.tracking_table;
    // With `privileges: true` the files carry the objects' GRANTs, as the diff compares them.
    read.privileges = config.privileges;
    read.dependencies = false;
    // Closed at the end, after the files: see ReadOptions::keep_connections.
    read.keep_connections = true;
    catalog::ReadReport report;
    model::Schema schema = catalog::read_schema(url, read, report);
    auto files = inspect::render_schema_files(schema);
    trace_step("files rendered");
    std::size_t written = write_file_tree(options.out, files, options.force);
    trace_step("files written");
    if (globals.format == "json") {
        nlohmann::json out{{"files", written},
                           {"out", options.out},
                           {"tables", schema.tables.size()},
                           {"views", schema.views.size()},
                           {"functions", schema.functions.size()}};
        fmt::print("{}\n", out.dump(2));
    } else if (!globals.quiet) {
        fmt::print("wrote {} files to {}: {} tables, {} views, {} functions, {} types\n", written,
                   options.out, schema.tables.size(), schema.views.size(), schema.functions.size(),
                   schema.enums.size() + schema.domains.size() + schema.composite_types.size() +
                       schema.range_types.size());
    }
    return 0;
}

}  // namespace

CommandRunner register_inspect(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<InspectOptions>();
    CLI::App* command =
        app.add_subcommand("inspect", "Write a live database's schema as schema files (adoption)");
    add_target_options(command, options->target);
    command->add_option("--out", options->out, "Directory to write the schema files into")
        ->required();
    command->add_flag("--force", options->force, "Replace the .sql files of a non-empty directory");
    command->add_option("--schema", options->schemas, "Only this schema (repeatable)");
    command->add_option("--exclude", options->excludes,
                        "Leave out objects matching this glob (repeatable)");
    return [&globals, options] { return run_inspect(globals, *options); };
}

}  // namespace driftless::cli
