// driftless: PostgreSQL schema as code. Entry point: global options, subcommand dispatch,
// and the mapping of errors to exit codes (0 ok, 1 differences, 2 bad input, 3 failure).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <map>

#include "cli/command.hpp"
#include "parser/diagnostic.hpp"
#include "util/error.hpp"
#include "util/heap_tuning.hpp"
#include "util/interrupt.hpp"

namespace driftless::cli {

Config GlobalOptions::config() const {
    if (config_file) return load_config(std::filesystem::path(*config_file));
    return load_config(std::nullopt);
}

namespace {

int run(int argc, char** argv) {
    CLI::App app{"driftless: PostgreSQL schema as code", "driftless"};
    app.require_subcommand(1);
    app.fallthrough();  // global options may follow the subcommand name
    app.set_version_flag("--version", std::string("driftless ") + DRIFTLESS_VERSION);
    GlobalOptions globals;
    app.add_option("--config", globals.config_file,
                   "Configuration file (default: ./driftless.yaml)");
    app.add_flag("-q,--quiet", globals.quiet, "No progress output");
    app.add_option("--format", globals.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}));

    std::map<std::string, CommandRunner> commands;
    commands["check"] = register_check(app, globals);
    commands["inspect"] = register_inspect(app, globals);
    commands["apply"] = register_apply(app, globals);
    commands["down"] = register_down(app, globals);
    commands["status"] = register_status(app, globals);
    commands["hash"] = register_hash(app, globals);
    commands["baseline"] = register_baseline(app, globals);
    commands["plan"] = register_plan(app, globals);
    commands["push"] = register_push(app, globals);
    commands["diff"] = register_diff(app, globals);
    commands["generate"] = register_generate(app, globals);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return static_cast<int>(ExitCode::bad_input);
    }
    for (const CLI::App* sub : app.get_subcommands()) return commands.at(sub->get_name())();
    return static_cast<int>(ExitCode::bad_input);
}

}  // namespace
}  // namespace driftless::cli

namespace {

// Prints the error being handled and returns its exit code.
int report_error() {
    try {
        throw;
    } catch (const driftless::parser::SourceErrors& errors) {
        for (const auto& diagnostic : errors.diagnostics())
            fmt::print(stderr, "{}\n", diagnostic.format());
        return static_cast<int>(errors.code());
    } catch (const driftless::Error& error) {
        fmt::print(stderr, "driftless: {}\n", error.what());
        return static_cast<int>(error.code());
    } catch (const std::exception& error) {
        fmt::print(stderr, "driftless: internal error: {}\n", error.what());
        return static_cast<int>(driftless::ExitCode::failure);
    }
}

}  // namespace

int main(int argc, char** argv) {
    driftless::tune_heap_for_bulk_allocation();
    driftless::install_interrupt_cleanup();
    try {
        return driftless::cli::run(argc, argv);
    } catch (...) {
        // A statement cancelled by Ctrl-C: the watcher thread reports it and exits 130.
        if (driftless::interrupted()) driftless::wait_for_interrupt_exit();
        return report_error();
    }
}
