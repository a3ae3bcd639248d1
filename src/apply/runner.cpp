#include "apply/runner.hpp"

#include <fmt/format.h>

#include <optional>

#include "apply/migration_status.hpp"
#include "db/session.hpp"
#include "emit/quote.hpp"
#include "loader/schema_loader.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace {

// golang-migrate's single row becomes a row per file it stands for, before anything runs.
void expand_adopted_rows(db::Session& session, const MigrationSet& files,
                         const TrackingTable& tracking) {
    auto applied = tracking.read(session);
    std::vector<std::pair<std::string, std::string>> versions;
    for (const auto& migration : files.migrations)
        versions.emplace_back(migration.version, migration.name);
    auto statements = tracking.expand_statements(applied, versions);
    if (statements.empty()) return;
    session.execute("BEGIN");
    for (const auto& statement : statements) session.execute(statement);
    session.execute("COMMIT");
}

}  // namespace

ApplyReport apply_pending(const std::string& conninfo, const MigrationSet& files,
                          const TrackingTable& tracking, const ApplyOptions& options) {
    auto lock = acquire_advisory_lock(conninfo, tracking.name().display(), options.lock);
    db::Session session(conninfo);
    if (!options.dry_run) {  // a dry run changes nothing, not even this
        tracking.ensure(session);
        expand_adopted_rows(session, files, tracking);
    }
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
    std::vector<const StatusEntry*> to_apply;
    for (const auto& entry : status) {
        bool pending = entry.state == MigrationState::pending ||
                       entry.state == MigrationState::out_of_order ||
                       entry.state == MigrationState::partial;
        if (!pending) continue;
        if (options.to && compare_versions(entry.version, *options.to) > 0) break;
        to_apply.push_back(&entry);
        report.applied.push_back(entry.migration);
    }
    if (options.dry_run) return report;
    std::optional<SectionRunner> runner;
    for (std::size_t i = 0; i < to_apply.size(); ++i) {
        const StatusEntry& entry = *to_apply[i];
        const Migration& migration = *entry.migration;
        if (options.on_start) options.on_start(migration, i, to_apply.size());
        AppliedMigration row;
        row.version = migration.version;
        row.name = migration.name;
        row.checksum = migration.checksum;
        SectionRun run{migration.up,
                       migration.up_path,
                       [&](int ms) {
                           row.execution_ms = ms;
                           return tracking.insert_statement(row);
                       },
                       {},
                       entry.statements_done,
                       false};
        if (!migration.up.transactional)
            run.progress = [&](int done) { return tracking.progress_statement(row, done); };
        run.resuming = entry.state == MigrationState::partial;
        if (entry.state == MigrationState::partial && options.settings.on_note) {
            options.settings.on_note(fmt::format("resuming {} at statement {} of {}",
                                                 migration.file_name(), entry.statements_done + 1,
                                                 migration.up.statements.size()));
        }
        if (!runner) runner.emplace(session, options.settings);
        int execution_ms = runner->run(run);
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
    if (!options.dry_run) {
        tracking.ensure(session);
        expand_adopted_rows(session, files, tracking);
    }
    auto status = compute_status(files, tracking.read(session));

    // Newest first: what is applied, down to the target.
    std::vector<const StatusEntry*> to_revert;
    for (auto it = status.rbegin(); it != status.rend(); ++it) {
        bool applied =
            it->state == MigrationState::applied || it->state == MigrationState::edited ||
            it->state == MigrationState::missing_file || it->state == MigrationState::partial;
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
    std::optional<SectionRunner> runner;
    for (std::size_t i = 0; i < to_revert.size(); ++i) {
        const Migration& migration = *to_revert[i]->migration;
        report.reverted.push_back(&migration);
        if (options.dry_run) continue;
        if (options.on_start) options.on_start(migration, i, to_revert.size());
        SectionRun run{*migration.down, migration.down_path.value_or(migration.up_path),
                       [&](int) { return tracking.delete_statement(migration.version); },
                       {}, 0, false};
        if (!runner) runner.emplace(session, options.settings);
        int execution_ms = runner->run(run);
        if (options.on_reverted) options.on_reverted(migration, execution_ms);
    }
    return report;
}

}  // namespace driftless::apply
