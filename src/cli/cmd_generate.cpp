// `driftless generate [NAME]`: the next migration, from what migrations/ builds to what
// schema/ says, written only once it is verified in the scratch database: UP gives exactly
// the schema files' model, DOWN gives back exactly the replayed one.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <fstream>

#include "apply/migration_files.hpp"
#include "apply/sum_file.hpp"
#include "cli/command.hpp"
#include "cli/model_sources.hpp"
#include "cli/replay_cache.hpp"
#include "db/session.hpp"
#include "diff/diff_schema.hpp"
#include "diff/renames.hpp"
#include "emit/migration_file.hpp"
#include "util/error.hpp"

namespace driftless::cli {

namespace fs = std::filesystem;

namespace {

struct GenerateOptions {
    std::string name = "schema_changes";
    bool dry_run = false;
    bool allow_destructive = false;
};

// A transactional section runs in one transaction; a `transaction:false` one statement by
// statement, as the apply engine runs them.
void run_section(db::Session& session, const std::vector<diff::Step>& steps) {
    bool transactional = std::all_of(steps.begin(), steps.end(), [](const auto& s) { return s.transactional; });
    if (transactional) session.execute("BEGIN");
    try {
        for (const auto& step : steps) session.execute(step.sql);
        if (transactional) session.execute("COMMIT");
    } catch (...) {
        if (transactional) session.execute("ROLLBACK");
        throw;
    }
}

// A model that should equal another: the objects that differ, for the error message.
void require_equal(const model::Schema& actual, const model::Schema& expected, const std::string& what) {
    if (diff::same_schema(actual, expected)) return;
    auto plan = diff::diff_schemas(actual, expected);
    std::string list;
    for (const auto& change : plan.changes) list += "\n  " + change.summary;
    if (list.empty()) list = "\n  (a difference the diff does not see yet: dependencies or ordering)";
    throw FailureError(fmt::format("the generated migration was not written: {}; still different:{}", what, list));
}

std::string utc_version(std::time_t when) {
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
    return text;
}

// Versions from now, after every existing one (a clock behind the newest file is no excuse
// to write an older version).
std::string next_version(const apply::MigrationSet& set, std::time_t& when) {
    std::string version = utc_version(when);
    while (!set.migrations.empty() && apply::compare_versions(version, set.migrations.back().version) <= 0)
        version = utc_version(++when);
    return version;
}

struct PlannedFile {
    std::string file_name;
    std::string text;
};

int run_generate(const GlobalOptions& globals, const GenerateOptions& options) {
    Config config = globals.config();
    if (options.name.find_first_of("/\\ ") != std::string::npos || options.name.empty())
        throw InputError(fmt::format("migration name `{}`: use letters, digits, _ and -", options.name));
    auto no_changes = [&] {
        if (!globals.quiet)
            fmt::print("no changes: {} already builds {}\n", config.migrations.string(), config.schema.string());
        return 0;
    };
    auto history = apply::read_migrations(config.migrations);
    ReplayCache cache(config, history);
    if (cache.known_in_sync()) {
        apply::check_sum(history, config.migrations / apply::sum_file_name);
        if (!globals.quiet) fmt::print("(both folders unchanged since the last generate)\n");
        return no_changes();
    }
    scratch::ScratchServer server(cache.server_options());
    auto current = migrations_source(config.migrations, server, config, cache.template_database());
    cache.snapshot(server, current);
    if (!globals.quiet) {
        std::size_t replayed = history.migrations.size() - cache.cached_files();
        if (cache.cached_files() > 0)
            fmt::print("replayed {} migration file(s) on top of {} from the cache\n", replayed, cache.cached_files());
        else
            fmt::print("replayed {} migration file(s)\n", replayed);
    }
    auto desired = schema_files_source(config.schema, server, config, globals.quiet);
    // Kept only after a run that succeeded, with the scratch databases gone.
    auto keep_cache = [&] {
        current.scratch->drop();
        desired.scratch->drop();
        cache.keep(server);
    };
    auto renamed = renamed_toward(current, desired, config);
    auto plan = diff::diff_schemas(renamed.model, desired.model);
    diff::prepend_renames(plan, renamed.renames);
    if (plan.empty()) {
        keep_cache();
        cache.record_in_sync(history);
        return no_changes();
    }
    std::string destructive;
    for (const auto& change : plan.changes) {
        for (const auto& step : change.steps) {
            if (std::count(step.hazards.begin(), step.hazards.end(), diff::Hazard::deletes_data)) {
                destructive += "\n  " + change.summary;
                break;
            }
        }
    }
    if (!destructive.empty() && !options.allow_destructive)
        throw InputError("these changes delete data; run with --allow-destructive to write them:" + destructive);

    // Transactional steps in one file, then the others in a `transaction:false` file; each is
    // run in the replayed database, and its DOWN is the diff back to the state before it.
    db::Session session(current.conninfo);
    std::vector<std::pair<std::vector<diff::Step>, std::vector<std::string>>> parts;
    for (bool transactional : {true, false}) {
        auto steps = emit::plan_steps(plan, transactional);
        if (steps.empty()) continue;
        std::vector<std::string> summaries;
        for (const auto& change : plan.changes) {
            if (std::any_of(change.steps.begin(), change.steps.end(), [&](const auto& s) { return s.transactional == transactional; }))
                summaries.push_back(change.summary);
        }
        parts.emplace_back(std::move(steps), std::move(summaries));
    }
    std::vector<model::Schema> states{current.model};
    std::vector<emit::MigrationFile> files;
    for (auto& [steps, summaries] : parts) {
        run_section(session, steps);
        states.push_back(read_model(current.conninfo, config));
        // The renames are the first file's first steps: its DOWN diffs back to the renamed
        // state, then renames back.
        bool first = states.size() == 2;
        auto down = emit::plan_steps(
            diff::diff_schemas(states.back(), first ? renamed.model : states[states.size() - 2]));
        if (first) {
            auto undo = diff::undo_steps(renamed.renames);
            down.insert(down.end(), undo.begin(), undo.end());
        }
        files.push_back({options.name, summaries, steps, std::move(down)});
    }
    require_equal(states.back(), desired.model, "UP does not give the schema files' model");
    for (std::size_t i = files.size(); i-- > 0;) {
        run_section(session, files[i].down);
        require_equal(read_model(current.conninfo, config), states[i], "DOWN does not give back the state before");
    }

    auto set = history;
    std::time_t when = std::time(nullptr);
    std::vector<PlannedFile> written;
    for (const auto& file : files) {
        std::string version = next_version(set, when);
        ++when;
        written.push_back({version + "_" + options.name + ".sql", emit::render_migration_file(file)});
        apply::Migration placeholder;
        placeholder.version = version;
        set.migrations.push_back(placeholder);
    }
    if (options.dry_run) {
        for (const auto& file : written) fmt::print("-- {}\n{}\n", file.file_name, file.text);
        keep_cache();
        return 0;
    }
    for (const auto& file : written) {
        std::ofstream out(config.migrations / file.file_name, std::ios::binary);
        out << file.text;
        if (!out.flush()) throw FailureError(fmt::format("cannot write {}", (config.migrations / file.file_name).string()));
        if (!globals.quiet) fmt::print("wrote {}\n", (config.migrations / file.file_name).string());
    }
    auto grown = apply::read_migrations(config.migrations);
    apply::write_sum(grown, config.migrations / apply::sum_file_name);
    keep_cache();
    cache.record_in_sync(grown);
    if (!globals.quiet) {
        auto hazards = plan.hazards();
        std::string list;
        for (auto hazard : hazards) list += (list.empty() ? "" : ", ") + std::string(diff::hazard_name(hazard));
        fmt::print("{} change(s); hazards: {}\n", plan.changes.size(), list.empty() ? "none" : list);
    }
    return 0;
}

}  // namespace

CommandRunner register_generate(CLI::App& app, GlobalOptions& globals) {
    auto options = std::make_shared<GenerateOptions>();
    CLI::App* command = app.add_subcommand(
        "generate", "Write the next migration: from what migrations/ builds to what schema/ says");
    command->add_option("name", options->name, "Name part of the file (default: schema_changes)");
    command->add_flag("--dry-run", options->dry_run, "Print the file(s), write nothing");
    command->add_flag("--allow-destructive", options->allow_destructive,
                      "Write changes that delete data (DROP TABLE, DROP COLUMN …)");
    return [&globals, options] { return run_generate(globals, *options); };
}

}  // namespace driftless::cli
