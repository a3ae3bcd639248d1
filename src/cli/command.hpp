#pragma once
// What every subcommand shares: the global options and the shape of a command's entry point.
#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

#include "cli/config.hpp"

namespace driftless::cli {

struct GlobalOptions {
    std::optional<std::string> config_file;
    bool quiet = false;
    std::string format = "text";  // text | json

    Config config() const;
};

// The database a command works on, from --url or --env.
struct Target {
    std::string url;
    bool confirm = false;     // the environment asks before changing anything
    std::string environment;  // empty with --url
};
Target resolve_target(const Config& config, const std::string& url, const std::string& env,
                      const char* command);

// A subcommand registers its options on the app and returns the function that runs it.
using CommandRunner = std::function<int()>;

CommandRunner register_check(CLI::App& app, GlobalOptions& globals);
CommandRunner register_inspect(CLI::App& app, GlobalOptions& globals);
CommandRunner register_apply(CLI::App& app, GlobalOptions& globals);
CommandRunner register_down(CLI::App& app, GlobalOptions& globals);
CommandRunner register_status(CLI::App& app, GlobalOptions& globals);
CommandRunner register_hash(CLI::App& app, GlobalOptions& globals);
CommandRunner register_baseline(CLI::App& app, GlobalOptions& globals);
CommandRunner register_plan(CLI::App& app, GlobalOptions& globals);
CommandRunner register_push(CLI::App& app, GlobalOptions& globals);
CommandRunner register_diff(CLI::App& app, GlobalOptions& globals);
CommandRunner register_generate(CLI::App& app, GlobalOptions& globals);

}  // namespace driftless::cli
