#include "apply/runner.hpp"

#include <fmt/format.h>
#include <chrono>

#include "apply/migration_status.hpp"
#include "db/session.hpp"
#include "emit/quote.hpp"
#include "loader/schema_loader.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace {

using Clock = std::chrono::steady_clock;

// The failing statement's position in its file, PostgreSQL's own message, detail and hint.
[[noreturn]] void fail(const Migration& migration, const SectionStatement& statement,
                       const db::ServerError& error) {
    parser::Statement located;
    located.file = migration.up_path.string();
    located.line = statement.line;
    located.column = statement.column;
    located.text = statement.text;
    throw FailureError(loader::diagnose(located, error).format());
}

void run_in_transaction(db::Session& session, const Migration& migration,
                        const TrackingTable& tracking, const ApplyOptions& options,
                        int& execution_ms) {
    auto started = Clock::now();
    session.execute("BEGIN");
    const SectionStatement* current = nullptr;
    try {
        session.execute("SET LOCAL lock_timeout = " + emit::quote_literal(options.lock_timeout));
        for (const auto& statement : migration.up.statements) {
            current = &statement;
            session.execute(statement.text);
        }
        current = nullptr;
        execution_ms = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
        session.execute(tracking.insert_statement(
            {migration.version, migration.name, migration.checksum, {}, execution_ms, {}}));
        session.execute("COMMIT");
    } catch (const db::StatementFailed& failed) {
        session.execute("ROLLBACK");
        if (current) fail(migration, *current, failed.server_error());
        throw;
    }
}

void run_statement_by_statement(db::Session& session, const Migration& migration,
                                const TrackingTable& tracking, const ApplyOptions& options,
                                int& execution_ms) {
    auto started = Clock::now();
    session.execute("SET lock_timeout = " + emit::quote_literal(options.lock_timeout));
    for (const auto& statement : migration.up.statements) {
        try {
            session.execute(statement.text);
        } catch (const db::StatementFailed& failed) {
            session.execute("RESET lock_timeout");
            fail(migration, statement, failed.server_error());
        }
    }
    session.execute("RESET lock_timeout");
    execution_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
    session.execute(tracking.insert_statement(
        {migration.version, migration.name, migration.checksum, {}, execution_ms, {}}));
}

}  // namespace

ApplyReport apply_pending(const std::string& conninfo, const MigrationSet& files,
                          const TrackingTable& tracking, const ApplyOptions& options) {
    auto lock = acquire_advisory_lock(conninfo, tracking.name().display(), options.lock);
    db::Session session(conninfo);
    tracking.ensure(session);
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
        int execution_ms = 0;
        if (entry.migration->up.transactional) {
            run_in_transaction(session, *entry.migration, tracking, options, execution_ms);
        } else {
            run_statement_by_statement(session, *entry.migration, tracking, options, execution_ms);
        }
        if (options.on_applied) options.on_applied(*entry.migration, execution_ms);
    }
    return report;
}

}  // namespace driftless::apply
