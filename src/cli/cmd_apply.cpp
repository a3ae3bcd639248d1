// `driftless apply`, `status` and `hash`: the apply engine's commands.

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "apply/migration_status.hpp"
#include "apply/backup.hpp"
#include "apply/runner.hpp"
#include "apply/sum_file.hpp"
#include "cli/apply_common.hpp"
#include "cli/command.hpp"
#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "util/error.hpp"
#include "util/progress.hpp"

namespace driftless::cli {

namespace {

struct ApplyCommandOptions {
    TargetOptions target;
    std::string to;
    bool dry_run = false;
    bool yes = false;
    std::string backup;
};

int run_apply(const GlobalOptions& globals, const ApplyCommandOptions& options) {
    auto [config, target, set, tracking] = migration_command(globals, options.target, "apply");

    apply::ApplyOptions run;
    if (!options.to.empty()) run.to = options.to;
    run.settings = run_settings(config, globals);
    run.lock.on_wait = lock_wait_notice(globals);
    // What would run, first: confirmation needs the count, and --dry-run stops there.
    apply::ApplyOptions preview = run;
    preview.dry_run = true;
    auto planned = apply::apply_pending(target.url, set, tracking, preview);
    if (!options.dry_run) confirm_or_refuse(target, options.yes, planned.applied.size());
    if (!options.dry_run && !options.backup.empty() && !planned.applied.empty()) {
        apply::backup_database(target.url, options.backup);
        if (!globals.quiet && globals.format == "text")
            fmt::print("backed up to {}\n", options.backup);
    }
    run.dry_run = options.dry_run;
    Progress progress("applying", planned.applied.size(), globals.quiet);
    std::map<std::string, int> execution_ms;
    run.on_start = [&](const apply::Migration& migration, std::size_t index, std::size_t) {
        progress.update(index, migration.file_name());
    };
    run.on_applied = [&](const apply::Migration& migration, int ms) {
        execution_ms[migration.version] = ms;
        if (!globals.quiet && globals.format == "text")
            progress.print_line(fmt::format("applied {} ({} ms)", migration.file_name(), ms));
    };
    auto report = options.dry_run ? planned : apply::apply_pending(target.url, set, tracking, run);
    if (globals.format == "json") {
        nlohmann::json out{{"dry_run", options.dry_run}, {"applied", nlohmann::json::array()}};
        for (const auto* migration : report.applied) {
            nlohmann::json item{{"version", migration->version}, {"file", migration->file_name()}};
            if (auto it = execution_ms.find(migration->version); it != execution_ms.end())
                item["execution_ms"] = it->second;
            out["applied"].push_back(item);
        }
        fmt::print("{}\n", out.dump(2));
    } else if (options.dry_run) {
        for (const auto* migration : report.applied)
            fmt::print("would apply {}\n", migration->file_name());
        if (report.applied.empty()) fmt::print("nothing to apply\n");
    } else if (report.applied.empty() && !globals.quiet) {
        fmt::print("nothing to apply\n");
    }
    return 0;
}

struct DownCommandOptions {
    TargetOptions target;
    std::string to;
    int steps = 0;
    bool dry_run = false;
    bool yes = false;
};

int run_down(const GlobalOptions& globals, const DownCommandOptions& options) {
    auto [config, target, set, tracking] = migration_command(globals, options.target, "down");
    apply::RevertOptions run;
    if (!options.to.empty()) run.to = options.to;
    if (options.steps > 0) run.steps = options.steps;
    run.settings = run_settings(config, globals);
    run.lock.on_wait = lock_wait_notice(globals);
    apply::RevertOptions preview = run;
    preview.dry_run = true;
    auto planned = apply::revert_applied(target.url, set, tracking, preview);
    if (!options.dry_run) confirm_or_refuse(target, options.yes, planned.reverted.size());
    Progress progress("reverting", planned.reverted.size(), globals.quiet);
    run.on_start = [&](const apply::Migration& migration, std::size_t index, std::size_t) {
        progress.update(index, migration.file_name());
    };
    run.on_reverted = [&](const apply::Migration& migration, int ms) {
        if (!globals.quiet && globals.format == "text")
            progress.print_line(fmt::format("reverted {} ({} ms)", migration.file_name(), ms));
    };
    auto report = options.dry_run ? planned : apply::revert_applied(target.url, set, tracking, run);
    if (globals.format == "json") {
        nlohmann::json out{{"dry_run", options.dry_run}, {"reverted", nlohmann::json::array()}};
        for (const auto* migration : report.reverted) {
            out["reverted"].push_back(
                {{"version", migration->version}, {"file", migration->file_name()}});
        }
        fmt::print("{}\n", out.dump(2));
    } else if (options.dry_run) {
        for (const auto* migration : report.reverted)
            fmt::print("would revert {}\n", migration->file_name());
    }
    if (report.reverted.empty() && !globals.quiet && globals.format == "text")
        fmt::print("nothing to revert\n");
    return 0;
}

int run_status(const GlobalOptions& globals, const TargetOptions& options) {
    auto [config, target, set, tracking] = migration_command(globals, options, "status");
    db::Session session(target.url);
    auto entries = apply::compute_status(set, tracking.read(session));
    bool attention = false;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& entry : entries) {
        attention |= entry.state == apply::MigrationState::edited ||
                     entry.state == apply::MigrationState::missing_file ||
                     entry.state == apply::MigrationState::out_of_order ||
                     entry.state == apply::MigrationState::partial;
        if (globals.format == "json") {
            out.push_back({{"version", entry.version},
                           {"name", entry.name},
                           {"state", apply::state_name(entry.state)},
                           {"applied_at", entry.applied_at}});
            if (entry.state == apply::MigrationState::partial)
                out.back()["statements_done"] = entry.statements_done;
        } else {
            std::string state = apply::state_name(entry.state);
            if (entry.state == apply::MigrationState::partial) {
                state += fmt::format(" ({} of {})", entry.statements_done,
                                     entry.migration->up.statements.size());
            }
            fmt::print("{:<20} {:<28} {}\n", entry.version, state, entry.name);
        }
    }
    if (globals.format == "json") fmt::print("{}\n", out.dump(2));
    return attention ? static_cast<int>(ExitCode::differences) : 0;
}

int run_hash(const GlobalOptions& globals) {
    Config config = globals.config();
    apply::MigrationSet set = apply::read_migrations(config.migrations);
    apply::write_sum(set, config.migrations / "driftless.sum");
    if (!globals.quiet)
        fmt::print("wrote {} ({} migrations)\n", (config.migrations / "driftless.sum").string(),
                   set.migrations.size());
    return 0;
}

}  // namespace

CommandRunner register_apply(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<ApplyCommandOptions>();
    CLI::App* command =
        app.add_subcommand("apply", "Apply pending migrations (tracking table, lock, checksums)");
    add_target_options(command, options->target);
    command->add_option("--to", options->to, "Apply up to and including this version");
    command->add_flag("--dry-run", options->dry_run, "Say what would be applied, apply nothing");
    command->add_flag("--yes", options->yes,
                      "Do not ask for confirmation (environments with confirm: true)");
    command->add_option("--backup", options->backup,
                        "Archive the database with pg_dump -Fc into this new file first; "
                        "nothing is applied if that fails");
    return [&globals, options] { return run_apply(globals, *options); };
}

CommandRunner register_down(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<DownCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "down", "Revert applied migrations with their down sections, newest first");
    add_target_options(command, options->target);
    auto* to =
        command->add_option("--to", options->to, "Revert until this version is the newest applied");
    command->add_option("--steps", options->steps, "Revert this many migrations")
        ->excludes(to)
        ->check(CLI::PositiveNumber);
    command->add_flag("--dry-run", options->dry_run, "Say what would be reverted, revert nothing");
    command->add_flag("--yes", options->yes,
                      "Do not ask for confirmation (environments with confirm: true)");
    return [&globals, options] { return run_down(globals, *options); };
}

CommandRunner register_status(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<TargetOptions>();
    CLI::App* command = app.add_subcommand("status",
                                           "Applied, pending, edited since applied, missing files, "
                                           "out of order (exit 1 when any needs attention)");
    add_target_options(command, *options);
    return [&globals, options] { return run_status(globals, *options); };
}

CommandRunner register_hash(CLI::App& app, GlobalOptions& globals) {
    app.add_subcommand("hash", "Rewrite migrations/driftless.sum after a deliberate edit");
    return [&globals] { return run_hash(globals); };
}

}  // namespace driftless::cli
