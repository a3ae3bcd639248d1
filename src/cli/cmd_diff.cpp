// `driftless plan`, `push` and `diff`: comparing schema files, migrations and live databases.
#include <unistd.h>

#include <fmt/format.h>

#include "apply/migration_lock.hpp"
#include "cli/apply_common.hpp"
#include "cli/command.hpp"
#include "cli/model_sources.hpp"
#include "cli/plan_output.hpp"
#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "diff/diff_schema.hpp"
#include "emit/quote.hpp"
#include "util/error.hpp"

namespace driftless::cli {

namespace {

struct PlanOptions {
    TargetOptions target;
    std::string schema;
    std::string format_override;  // plan's own --format text|sql|json
    bool yes = false;
    bool allow_destructive = false;
};

std::filesystem::path schema_path(const Config& config, const std::string& given) {
    return given.empty() ? config.schema : std::filesystem::path(given);
}

// The live database against the schema files: what it takes to bring the first to the second.
diff::Plan live_plan(const GlobalOptions& globals, const PlanOptions& options, Target& target,
                     Config& config) {
    config = globals.config();
    target = resolve_target(config, options.target.url, options.target.env, "plan");
    scratch::ScratchServer server({config.dev_url, {}});
    auto desired = schema_files_source(schema_path(config, options.schema), server, config, true);
    auto live = database_source(target.url, db::redact(target.url), config);
    return plan_toward(live, desired, config);
}

void print_plan(const diff::Plan& plan, const std::string& format) {
    if (format == "json") {
        fmt::print("{}\n", plan_json(plan).dump(2));
    } else if (format == "sql") {
        fmt::print("{}", plan_sql(plan));
    } else if (plan.empty()) {
        fmt::print("no changes\n");
    } else {
        fmt::print("{}", plan_summary(plan, ::isatty(1) == 1));
    }
}

int run_plan(const GlobalOptions& globals, const PlanOptions& options) {
    Target target;
    Config config;
    auto plan = live_plan(globals, options, target, config);
    print_plan(plan, options.format_override.empty() ? globals.format : options.format_override);
    return 0;
}

// Refuses steps that delete data unless allowed (exit 2, nothing run).
void refuse_destructive(const diff::Plan& plan, bool allowed) {
    if (allowed) return;
    std::string list;
    for (const auto& change : plan.changes) {
        for (const auto& step : change.steps) {
            if (std::find(step.hazards.begin(), step.hazards.end(), diff::Hazard::deletes_data) !=
                step.hazards.end()) {
                list += "\n  " + change.summary;
                break;
            }
        }
    }
    if (!list.empty())
        throw InputError("these changes delete data; run with --allow-destructive to make them:" + list);
}

int run_push(const GlobalOptions& globals, const PlanOptions& options) {
    Target target;
    Config config;
    auto plan = live_plan(globals, options, target, config);
    if (plan.empty()) {
        if (!globals.quiet) fmt::print("no changes\n");
        return 0;
    }
    refuse_destructive(plan, options.allow_destructive);
    confirm_or_refuse(target, options.yes, plan.changes.size());
    auto lock = apply::acquire_advisory_lock(target.url, config.tracking_table);
    auto steps = diff::split_steps(plan);
    db::Session session(target.url);
    session.execute("SET lock_timeout = " + emit::quote_literal(config.lock_timeout));
    if (!steps.transactional.empty()) {
        session.execute("BEGIN");
        try {
            for (const auto& sql : steps.transactional) session.execute(sql);
            session.execute("COMMIT");
        } catch (...) {
            session.execute("ROLLBACK");
            throw;
        }
    }
    for (const auto& sql : steps.outside_transaction) session.execute(sql);
    if (!globals.quiet && globals.format == "text") fmt::print("{}", plan_summary(plan, ::isatty(1) == 1));
    return 0;
}

struct DiffOptions {
    std::string from;
    std::string to;
    bool check = false;
};

int run_diff(const GlobalOptions& globals, const DiffOptions& options) {
    Config config = globals.config();
    scratch::ScratchServer server({config.dev_url, {}});
    auto from = resolve_source(options.from, server, config, true);
    auto to = resolve_source(options.to, server, config, true);
    auto plan = diff::diff_schemas(from.model, to.model);
    if (globals.format == "json") {
        auto out = plan_json(plan);
        out["from"] = from.description;
        out["to"] = to.description;
        out["equal"] = plan.empty();
        fmt::print("{}\n", out.dump(2));
    } else if (plan.empty()) {
        if (!globals.quiet) fmt::print("no differences: {} and {} are the same\n", from.description, to.description);
    } else {
        fmt::print("{} differs from {}: what it takes to make the first into the second:\n{}",
                   from.description, to.description, plan_summary(plan, ::isatty(1) == 1));
    }
    return options.check && !plan.empty() ? static_cast<int>(ExitCode::differences) : 0;
}

void add_plan_options(CLI::App* command, PlanOptions& options) {
    add_target_options(command, options.target);
    command->add_option("--schema", options.schema, "Schema file or directory (default: from driftless.yaml)");
}

}  // namespace

CommandRunner register_plan(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<PlanOptions>();
    CLI::App* command = app.add_subcommand(
        "plan", "What it takes to bring a live database to the schema files (text, sql or json)");
    add_plan_options(command, *options);
    command->add_option("--format", options->format_override, "text | sql | json")
        ->check(CLI::IsMember({"text", "sql", "json"}));
    return [&globals, options] { return run_plan(globals, *options); };
}

CommandRunner register_push(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<PlanOptions>();
    CLI::App* command = app.add_subcommand(
        "push", "Plan and apply at once, for development databases (no migration file)");
    add_plan_options(command, *options);
    command->add_flag("--yes", options->yes, "Do not ask for confirmation (confirm: true)");
    command->add_flag("--allow-destructive", options->allow_destructive, "Allow changes that delete data");
    return [&globals, options] { return run_push(globals, *options); };
}

CommandRunner register_diff(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* command = app.add_subcommand(
        "diff", "Compare two sources: schema path, migrations dir, URL or env:NAME");
    command->add_option("--from", options->from, "The source to start from")->required();
    command->add_option("--to", options->to, "The source to compare with")->required();
    command->add_flag("--check", options->check, "Exit 1 when they differ (drift check for CI)");
    return [&globals, options] { return run_diff(globals, *options); };
}

}  // namespace driftless::cli
