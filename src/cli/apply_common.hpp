#pragma once
// What the commands that change a database through migrations share (apply, down, status,
// baseline): the target options, the checked migrations directory and the confirmation.
#include <CLI/CLI.hpp>

#include <cstddef>
#include <functional>
#include <string>

#include "apply/migration_files.hpp"
#include "apply/migration_lock.hpp"
#include "apply/section_runner.hpp"
#include "apply/tracking_table.hpp"
#include "cli/command.hpp"

namespace driftless::cli {

struct TargetOptions {
    std::string url;
    std::string env;
};

// --url and --env (mutually exclusive).
void add_target_options(CLI::App* command, TargetOptions& target);

// What every migration command starts from: the configuration, the target database, the
// migrations directory checked against driftless.sum, and the tracking table.
struct MigrationCommand {
    Config config;
    Target target;
    apply::MigrationSet migrations;
    apply::TrackingTable tracking;
};
MigrationCommand migration_command(const GlobalOptions& globals, const TargetOptions& target,
                                   const char* command);

// The migrations directory, checked against driftless.sum: a hand edit or two branches'
// files merged in the wrong order are caught here, before any database is touched.
apply::MigrationSet checked_migrations(const Config& config);

// confirm: true environments ask y/N on a terminal and need --yes otherwise (InputError).
void confirm_or_refuse(const Target& target, bool yes, std::size_t count);

// Timeouts and retries from driftless.yaml; retries, resumes and rebuilt indexes are told on
// stderr unless quiet.
apply::RunSettings run_settings(const Config& config, const GlobalOptions& globals);

// Says once, on stderr unless quiet, whom a run is waiting for.
std::function<void(const apply::LockHolder&)> lock_wait_notice(const GlobalOptions& globals);

}  // namespace driftless::cli
