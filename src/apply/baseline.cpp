#include "apply/baseline.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "db/session.hpp"
#include "emit/quote.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace {

struct VersionLess {
    bool operator()(const std::string& a, const std::string& b) const {
        return compare_versions(a, b) < 0;
    }
};

using RecordedMap = std::map<std::string, const AppliedMigration*, VersionLess>;
using ForeignMap = std::map<std::string, const ForeignVersion*, VersionLess>;

std::string bulleted(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += "\n    " + line;
    return text;
}

// Every file <= to must be applied according to the tool (or recorded already); nothing the
// tool applied may be newer than `to` or lack a file.
void check_history(const MigrationSet& files, const std::string& to, const ForeignHistory& history,
                   const RecordedMap& recorded, const ForeignMap& applied) {
    const char* tool = tool_name(history.tool);
    auto tool_applied = [&](const std::string& version) {
        return applied.count(version) > 0 ||
               (history.applied_through &&
                compare_versions(version, *history.applied_through) <= 0);
    };
    std::set<std::string, VersionLess> file_versions;
    std::vector<std::string> missing, beyond, without_file;
    std::string newest_beyond;
    for (const auto& migration : files.migrations) {
        file_versions.insert(migration.version);
        bool is_applied = tool_applied(migration.version);
        if (compare_versions(migration.version, to) <= 0) {
            if (!is_applied && recorded.count(migration.version) == 0)
                missing.push_back(migration.file_name());
        } else if (is_applied) {
            beyond.push_back(migration.file_name());
            newest_beyond = migration.version;
        }
    }
    for (const auto& [version, entry] : applied) {
        if (file_versions.count(version) == 0) without_file.push_back(entry->row);
    }
    if (missing.empty() && beyond.empty() && without_file.empty()) return;

    std::string message =
        fmt::format("cannot baseline to {} from {}'s history {}:", to, tool, history.table);
    if (!missing.empty()) {
        message +=
            fmt::format("\n  not applied according to {}, so the database does not have them:{}",
                        tool, bulleted(missing));
    }
    if (!beyond.empty()) {
        message += fmt::format(
            "\n  applied by {} but newer than {}: baseline to at least {}, else apply would "
            "run them twice:{}",
            tool, to, newest_beyond, bulleted(beyond));
    }
    if (!without_file.empty()) {
        message += fmt::format(
            "\n  applied by {} but missing as a file in {} (restore them, or they would never "
            "be tracked):{}",
            tool, files.directory.string(), bulleted(without_file));
    }
    throw InputError(message);
}

const Migration* find_target(const MigrationSet& files, const std::string& to) {
    for (const auto& migration : files.migrations) {
        if (compare_versions(migration.version, to) == 0) return &migration;
    }
    throw InputError(fmt::format(
        "no migration file has version {}: baseline --to takes the version of the newest "
        "migration the database already has",
        to.empty() ? "``" : to));
}

bool is_true(db::Session& session, const std::string& sql) {
    auto rows = session.query(sql);
    return !rows.empty() && rows.at(0).at(0) == std::optional<std::string>("t");
}

bool same_table(db::Session& session, const HistoryTableName& history,
                const TrackingTable& tracking) {
    return is_true(session,
                   fmt::format("SELECT to_regclass({}) = to_regclass({})",
                               emit::quote_literal(history.quoted()),
                               emit::quote_literal(emit::quote_qualified(tracking.name()))));
}

void write_steps(db::Session& session, const TrackingTable& tracking,
                 const std::vector<BaselineStep>& steps) {
    std::string table = emit::quote_qualified(tracking.name());
    session.execute("BEGIN");
    try {
        tracking.ensure(session);
        for (const auto& step : steps) {
            const Migration& migration = *step.migration;
            if (step.adopted_version) {
                session.execute(fmt::format(
                    "UPDATE {} SET name = {}, checksum = {} WHERE version = {}", table,
                    emit::quote_literal(migration.name), emit::quote_literal(migration.checksum),
                    emit::quote_literal(*step.adopted_version)));
                continue;
            }
            AppliedMigration row;
            row.version = migration.version;
            row.name = migration.name;
            row.checksum = migration.checksum;
            session.execute(tracking.insert_statement(row));
            if (!step.applied_at.empty()) {
                session.execute(fmt::format(
                    "UPDATE {} SET applied_at = {}::timestamptz WHERE version = {}", table,
                    emit::quote_literal(step.applied_at), emit::quote_literal(migration.version)));
            }
        }
        session.execute("COMMIT");
    } catch (...) {
        try {
            session.execute("ROLLBACK");
        } catch (const Error&) {
            // The connection is gone: the server rolls back on its own.
        }
        throw;
    }
}

}  // namespace

std::vector<BaselineStep> plan_baseline(const MigrationSet& files, const std::string& to,
                                        const std::optional<ForeignHistory>& history,
                                        const std::vector<AppliedMigration>& recorded) {
    find_target(files, to);
    RecordedMap recorded_by_version;
    for (const auto& row : recorded) recorded_by_version.emplace(row.version, &row);
    ForeignMap applied;
    if (history) {
        for (const auto& entry : history->applied) applied.emplace(entry.version, &entry);
        check_history(files, to, *history, recorded_by_version, applied);
    }

    std::vector<BaselineStep> steps;
    std::vector<std::string> edited, partial;
    for (const auto& migration : files.migrations) {
        if (compare_versions(migration.version, to) > 0) continue;
        auto row = recorded_by_version.find(migration.version);
        if (row != recorded_by_version.end() && row->second->statements_done) {
            partial.push_back(fmt::format("{} ({} statement(s) done)", migration.up_path.string(),
                                          *row->second->statements_done));
        } else if (row == recorded_by_version.end()) {
            auto entry = applied.find(migration.version);
            steps.push_back(
                {&migration, entry == applied.end() ? "" : entry->second->applied_at, {}});
        } else if (row->second->checksum.empty()) {
            steps.push_back({&migration, "", row->second->version});
        } else if (row->second->checksum != migration.checksum) {
            edited.push_back(migration.up_path.string());
        }
    }
    if (!partial.empty()) {
        throw InputError(
            "migrations that stopped part-way cannot be recorded as applied; finish them with "
            "apply first:" +
            bulleted(partial));
    }
    if (!edited.empty()) {
        throw InputError(
            "recorded migrations were edited since they ran; restore them or write a new "
            "migration:" +
            bulleted(edited));
    }
    return steps;
}

BaselineReport record_baseline(const std::string& conninfo, const MigrationSet& files,
                               const TrackingTable& tracking, const BaselineOptions& options) {
    // Bad input needs no database: a --to that names no file, a malformed --from-table.
    find_target(files, options.to);
    std::optional<HistoryTableName> table;
    if (options.from) {
        table = parse_history_table(
            options.from_table.empty() ? default_history_table(*options.from) : options.from_table);
    }

    auto lock = acquire_advisory_lock(conninfo, tracking.name().display(), options.lock);
    db::Session session(conninfo);
    std::optional<ForeignHistory> history;
    if (options.from) {
        // dbmate's and golang-migrate's schema_migrations are adopted in place as the
        // tracking table: their versions are the history, and baseline fills in names and
        // checksums. No other tool's table can be the tracking table.
        bool adoptable =
            *options.from == HistoryTool::dbmate || *options.from == HistoryTool::golang_migrate;
        if (!adoptable && same_table(session, *table, tracking)) {
            throw InputError(fmt::format(
                "{} is driftless's own tracking table (tracking_table), not {}'s history",
                table->display(), tool_name(*options.from)));
        }
        history = read_foreign_history(session, *options.from, *table);
    }
    BaselineReport report{plan_baseline(files, options.to, history, tracking.read(session))};
    // A dry run changes nothing, not even the tracking table's existence.
    if (options.dry_run || report.recorded.empty()) return report;
    write_steps(session, tracking, report.recorded);
    return report;
}

}  // namespace driftless::apply
