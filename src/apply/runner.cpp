#include "apply/runner.hpp"

#include <fmt/format.h>
#include <chrono>
#include <filesystem>
#include <functional>

#include "apply/migration_status.hpp"
#include "db/session.hpp"
#include "emit/quote.hpp"
#include "loader/schema_loader.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace {

using Clock = std::chrono::steady_clock;

// One section of one file to run, and the tracking statement that records it (built once
// the run time is known).
struct SectionRun {
    const Section& section;
    std::filesystem::path file;
    std::function<std::string(int execution_ms)> record;
};

// The failing statement's position in its file, PostgreSQL's own message, detail and hint.
[[noreturn]] void fail(const SectionRun& run, const SectionStatement& statement,
                       const db::ServerError& error) {
    parser::Statement located;
    located.file = run.file.string();
    located.line = statement.line;
    located.column = statement.column;
    located.text = statement.text;
    throw FailureError(loader::diagnose(located, error).format());
}

int elapsed_ms(Clock::time_point started) {
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
}

// A transactional section runs in one transaction with its tracking statement: all of it and
// its record persist, or nothing does.
int run_in_transaction(db::Session& session, const SectionRun& run,
                       const std::string& lock_timeout) {
    auto started = Clock::now();
    session.execute("BEGIN");
    const SectionStatement* current = nullptr;
    try {
        session.execute("SET LOCAL lock_timeout = " + emit::quote_literal(lock_timeout));
        for (const auto& statement : run.section.statements) {
            current = &statement;
            session.execute(statement.text);
        }
        current = nullptr;
        int ms = elapsed_ms(started);
        session.execute(run.record(ms));
        session.execute("COMMIT");
        return ms;
    } catch (const db::StatementFailed& failed) {
        session.execute("ROLLBACK");
        if (current) fail(run, *current, failed.server_error());
        throw;
    }
}

// `transaction:false`: statement by statement (CREATE INDEX CONCURRENTLY cannot run in a
// transaction), recorded when the last one is done.
int run_statement_by_statement(db::Session& session, const SectionRun& run,
                               const std::string& lock_timeout) {
    auto started = Clock::now();
    session.execute("SET lock_timeout = " + emit::quote_literal(lock_timeout));
    for (const auto& statement : run.section.statements) {
        try {
            session.execute(statement.text);
        } catch (const db::StatementFailed& failed) {
            session.execute("RESET lock_timeout");
            fail(run, statement, failed.server_error());
        }
    }
    session.execute("RESET lock_timeout");
    int ms = elapsed_ms(started);
    session.execute(run.record(ms));
    return ms;
}

int run_section(db::Session& session, const SectionRun& run, const std::string& lock_timeout) {
    return run.section.transactional ? run_in_transaction(session, run, lock_timeout)
                                     : run_statement_by_statement(session, run, lock_timeout);
}

}  // namespace

ApplyReport apply_pending(const std::string& conninfo, const MigrationSet& files,
                          const TrackingTable& tracking, const ApplyOptions& options) {
    auto lock = acquire_advisory_lock(conninfo, tracking.name().display(), options.lock);
    db::Session session(conninfo);
    if (!options.dry_run) tracking.ensure(session);  // a dry run changes nothing, not even this
    auto status = compute_status(files, tracking.read(session));

    std::vector<std::string> edited;
    for (const auto& entry : status) {
        if (entry.state == MigrationState::edited)
            edited.push_back(entry.migration->up_path.string());
    }
    if (!edited.empty()) {
        std::string list;
        for (const auto& file : edited) list += "\n  " + file;
        throw InputError(
            "applied migrations were edited since they ran; restore them or write a new "
            "migration:" +
            list);
    }

    ApplyReport report;
    for (const auto& entry : status) {
        bool pending =
            entry.state == MigrationState::pending || entry.state == MigrationState::out_of_order;
        if (!pending) continue;
        if (options.to && compare_versions(entry.version, *options.to) > 0) break;
        report.applied.push_back(entry.migration);
        if (options.dry_run) continue;
        const Migration& migration = *entry.migration;
        SectionRun run{migration.up, migration.up_path, [&](int ms) {
                           return tracking.insert_statement(
                               {migration.version, migration.name, migration.checksum, {}, ms, {}});
                       }};
        int execution_ms = run_section(session, run, options.lock_timeout);
        if (options.on_applied) options.on_applied(migration, execution_ms);
    }
    return report;
}

}  // namespace driftless::apply

namespace driftless::apply {

RevertReport revert_applied(const std::string& conninfo, const MigrationSet& files,
                            const TrackingTable& tracking, const RevertOptions& options) {
    if (!options.steps && !options.to) throw InputError("down needs --steps N or --to VERSION");
    auto lock = acquire_advisory_lock(conninfo, tracking.name().display(), options.lock);
    db::Session session(conninfo);
    if (!options.dry_run) tracking.ensure(session);
    auto status = compute_status(files, tracking.read(session));

    // Newest first: what is applied, down to the target.
    std::vector<const StatusEntry*> to_revert;
    for (auto it = status.rbegin(); it != status.rend(); ++it) {
        bool applied = it->state == MigrationState::applied ||
                       it->state == MigrationState::edited ||
                       it->state == MigrationState::missing_file;
        if (!applied) continue;
        if (options.to && compare_versions(it->version, *options.to) <= 0) break;
        if (options.steps && to_revert.size() >= static_cast<std::size_t>(*options.steps)) break;
        if (it->state != MigrationState::applied) {
            throw InputError(
                fmt::format("cannot revert {}: it is {}", it->version, state_name(it->state)));
        }
        if (!it->migration->down) {
            throw InputError(fmt::format("cannot revert {}: it has no down section",
                                         it->migration->file_name()));
        }
        to_revert.push_back(&*it);
    }
    RevertReport report;
    for (const StatusEntry* entry : to_revert) {
        const Migration& migration = *entry->migration;
        report.reverted.push_back(&migration);
        if (options.dry_run) continue;
        SectionRun run{*migration.down, migration.down_path.value_or(migration.up_path),
                       [&](int) { return tracking.delete_statement(migration.version); }};
        int execution_ms = run_section(session, run, options.lock_timeout);
        if (options.on_reverted) options.on_reverted(migration, execution_ms);
    }
    return report;
}

}  // namespace driftless::apply
