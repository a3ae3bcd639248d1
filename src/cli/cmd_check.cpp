#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "loader/check_schema.hpp"
#include "parser/diagnostic.hpp"

namespace driftless::cli {

namespace {

struct CheckOptions {
    std::optional<std::string> schema;
};

nlohmann::json diagnostics_json(const parser::SourceErrors& errors) {
    auto list = nlohmann::json::array();
    for (const auto& d : errors.diagnostics()) {
        list.push_back(
            {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"message", d.message}});
    }
    return list;
}

int run_check(const GlobalOptions& globals, const CheckOptions& options) {
    Config config = globals.config();
    std::filesystem::path schema =
        options.schema ? std::filesystem::path(*options.schema) : config.schema;
    scratch::ScratchServer server({config.dev_url, {}});
    try {
        loader::CheckResult result = loader::check_schema(schema, server, globals.quiet);
        if (globals.format == "json") {
            nlohmann::json out{{"ok", true},
                               {"schema", schema.string()},
                               {"files", result.files},
                               {"statements", result.statements},
                               {"objects", result.objects}};
            fmt::print("{}\n", out.dump(2));
            return 0;
        }
        std::string counts;
        for (const auto& [kind, count] : result.objects) {
            counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", count, kind);
        }
        fmt::print("OK: {} loaded ({} statements from {} file{}): {}\n", schema.string(),
                   result.statements, result.files, result.files == 1 ? "" : "s",
                   counts.empty() ? "no objects" : counts);
        return 0;
    } catch (const parser::SourceErrors& errors) {
        if (globals.format != "json") throw;
        nlohmann::json out{
            {"ok", false}, {"schema", schema.string()}, {"errors", diagnostics_json(errors)}};
        fmt::print("{}\n", out.dump(2));
        return static_cast<int>(errors.code());
    }
}

}  // namespace

CommandRunner register_check(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* command = app.add_subcommand(
        "check",
        "Load the schema files into a scratch database: OK with object counts, or every error");
    command->add_option("--schema", options->schema,
                        "Schema file or directory (default: from driftless.yaml, else schema/)");
    return [&globals, options] { return run_check(globals, *options); };
}

}  // namespace driftless::cli
