// `driftless baseline`: record existing history in the tracking table without running any
// migration, for a project switching from another tool or adopting driftless on a database
// built some other way.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "apply/baseline.hpp"
#include "cli/apply_common.hpp"
#include "cli/command.hpp"
#include "util/error.hpp"

namespace driftless::cli {

namespace {

struct BaselineCommandOptions {
    TargetOptions target;
    std::string to;
    std::string from;
    std::string from_table;
    bool dry_run = false;
    bool yes = false;
};

int run_baseline(const GlobalOptions& globals, const BaselineCommandOptions& options) {
    auto [config, target, set, tracking] = migration_command(globals, options.target, "baseline");

    apply::BaselineOptions run;
    run.to = options.to;
    if (!options.from.empty()) run.from = apply::parse_history_tool(options.from);
    run.from_table = options.from_table;
    run.lock.on_wait = [&](const apply::LockHolder& holder) {
        if (!globals.quiet) {
            fmt::print(stderr, "waiting for the migration lock held by pid {} ({}) since {}\n",
                       holder.pid, holder.application_name, holder.since);
        }
    };
    // What would be recorded, first: confirmation needs the count, and --dry-run stops there.
    apply::BaselineOptions preview = run;
    preview.dry_run = true;
    auto planned = apply::record_baseline(target.url, set, tracking, preview);
    if (!options.dry_run) confirm_or_refuse(target, options.yes, planned.recorded.size());
    run.dry_run = options.dry_run;
    auto report =
        options.dry_run ? planned : apply::record_baseline(target.url, set, tracking, run);

    if (globals.format == "json") {
        nlohmann::json out{{"dry_run", options.dry_run}, {"recorded", nlohmann::json::array()}};
        for (const auto& step : report.recorded) {
            out["recorded"].push_back(
                {{"version", step.migration->version}, {"file", step.migration->file_name()}});
        }
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    if (options.dry_run || !globals.quiet) {
        for (const auto& step : report.recorded) {
            fmt::print("{} {}\n", options.dry_run ? "would record" : "recorded",
                       step.migration->file_name());
        }
        if (report.recorded.empty()) fmt::print("nothing to record\n");
    }
    return 0;
}

}  // namespace

CommandRunner register_baseline(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<BaselineCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "baseline",
        "Record migrations up to a version as applied without running them (adoption, or a "
        "switch from another migration tool)");
    add_target_options(command, options->target);
    command
        ->add_option("--to", options->to,
                     "The newest migration the database already has (a file's version)")
        ->required();
    auto* from =
        command
            ->add_option("--from", options->from, "Read and check this tool's history table first")
            ->check(
                CLI::IsMember({"dbmate", "golang-migrate", "node-pg-migrate", "prisma", "flyway"}));
    command
        ->add_option("--from-table", options->from_table,
                     "The tool's history table (table or schema.table) when not its default")
        ->needs(from);
    command->add_flag("--dry-run", options->dry_run, "Say what would be recorded, change nothing");
    command->add_flag("--yes", options->yes,
                      "Do not ask for confirmation (environments with confirm: true)");
    return [&globals, options] { return run_baseline(globals, *options); };
}

}  // namespace driftless::cli
