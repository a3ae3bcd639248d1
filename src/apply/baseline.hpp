#pragma once
// `driftless baseline`: records migrations as applied without running them, for a database
// whose schema was built some other way, or by another migration tool whose history is read
// and checked first (foreign_history.hpp). All rows are written in one transaction under the
// migration lock, or none.
#include <optional>
#include <string>
#include <vector>

#include "apply/foreign_history.hpp"
#include "apply/migration_files.hpp"
#include "apply/migration_lock.hpp"
#include "apply/tracking_table.hpp"

namespace driftless::apply {

struct BaselineOptions {
    std::string to;                   // the newest migration the database already has
    std::optional<HistoryTool> from;  // read and check this tool's history first
    std::string from_table;           // the tool's table; empty: its default name
    bool dry_run = false;             // say what would be recorded, change nothing
    LockOptions lock;
};

// One migration to record.
struct BaselineStep {
    const Migration* migration = nullptr;
    std::string applied_at;  // the other tool's time, as the server printed it; empty: now
    // The tracking table already has the version without a checksum (a row adopted from
    // dbmate): its name and checksum are filled in rather than a row inserted. Holds the
    // version as that row spells it.
    std::optional<std::string> adopted_version;
};

struct BaselineReport {
    std::vector<BaselineStep> recorded;  // in version order (with dry_run: would be)
};

// What to record, without touching a database: every file <= `to` the tracking table does
// not have yet. With a history, every such file must be applied there (or already recorded),
// and nothing newer than `to` nor anything without a file may be. InputError (exit 2) listing
// every problem: `to` is not the version of a file, files the database does not have,
// versions applied beyond `to`, applied versions without a file, recorded files edited since.
std::vector<BaselineStep> plan_baseline(const MigrationSet& files, const std::string& to,
                                        const std::optional<ForeignHistory>& history,
                                        const std::vector<AppliedMigration>& recorded);

// Takes the lock, reads the other tool's history and the tracking table, plans, then (unless
// dry_run) creates or adopts the tracking table and writes every row in one transaction.
// InputError (exit 2) before anything is written; FailureError (exit 3) when the server fails,
// after rolling back.
BaselineReport record_baseline(const std::string& conninfo, const MigrationSet& files,
                               const TrackingTable& tracking, const BaselineOptions& options);

}  // namespace driftless::apply
