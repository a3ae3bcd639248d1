#include "cli/apply_common.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "apply/sum_file.hpp"
#include "db/conninfo.hpp"
#include "util/error.hpp"

namespace driftless::cli {

void add_target_options(CLI::App* command, TargetOptions& target) {
    auto* url = command->add_option("--url", target.url, "Database URL or connection string");
    command->add_option("--env", target.env, "Environment from driftless.yaml")->excludes(url);
}

apply::MigrationSet checked_migrations(const Config& config) {
    apply::MigrationSet set = apply::read_migrations(config.migrations);
    apply::check_sum(set, config.migrations / "driftless.sum");
    return set;
}

MigrationCommand migration_command(const GlobalOptions& globals, const TargetOptions& target,
                                   const char* command) {
    Config config = globals.config();
    Target resolved = resolve_target(config, target.url, target.env, command);
    apply::MigrationSet migrations = checked_migrations(config);
    apply::TrackingTable tracking(config.tracking_table);
    return {std::move(config), std::move(resolved), std::move(migrations), std::move(tracking)};
}

void confirm_or_refuse(const Target& target, bool yes, std::size_t count) {
    if (!target.confirm || yes || count == 0) return;
    if (::isatty(0) != 1) {
        throw InputError(fmt::format("environment `{}` asks for confirmation: run with --yes",
                                     target.environment));
    }
    fmt::print("change {} migration(s) on {} ({})? [y/N] ", count, target.environment,
               db::redact(target.url));
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes")
        throw InputError("not confirmed: nothing applied");
}

apply::RunSettings run_settings(const Config& config, const GlobalOptions& globals) {
    apply::RunSettings settings;
    settings.lock_timeout = config.lock_timeout;
    settings.statement_timeout = config.statement_timeout;
    settings.long_statement_timeout = config.long_statement_timeout;
    settings.lock_retries = config.lock_retries;
    if (!globals.quiet) {
        settings.on_retry = [](const apply::RetryNotice& notice) {
            fmt::print(stderr, "lock timeout at {} (attempt {} of {}): trying again in {:.1f} s\n",
                       notice.where, notice.attempt, notice.attempts,
                       static_cast<double>(notice.delay.count()) / 1000.0);
        };
        settings.on_note = [](const std::string& message) {
            fmt::print(stderr, "{}\n", message);
        };
    }
    return settings;
}

std::function<void(const apply::LockHolder&)> lock_wait_notice(const GlobalOptions& globals) {
    return [quiet = globals.quiet](const apply::LockHolder& holder) {
        if (quiet) return;
        fmt::print(stderr, "waiting for the migration lock held by pid {} ({}) since {}\n",
                   holder.pid, holder.application_name, holder.since);
    };
}

}  // namespace driftless::cli
