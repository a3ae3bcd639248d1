#pragma once
// Runs pending migrations: one engine for every migration, generated or hand-written.
// A transactional file runs in one transaction together with its tracking row, so either
// all of it and its record persist or nothing does. A `transaction:false` file runs
// statement by statement (CREATE INDEX CONCURRENTLY cannot run in a transaction), records
// its progress after each, and a later run resumes it where it stopped (section_runner).
// The lock is held on a connection of its own.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "apply/migration_files.hpp"
#include "apply/migration_lock.hpp"
#include "apply/section_runner.hpp"
#include "apply/tracking_table.hpp"

namespace driftless::apply {

struct ApplyOptions {
    std::optional<std::string> to;  // apply up to and including this version
    bool dry_run = false;           // say what would run, run nothing
    RunSettings settings;
    LockOptions lock;
    std::function<void(const Migration&, std::size_t index, std::size_t count)> on_start;
    std::function<void(const Migration&, int execution_ms)> on_applied;
};

struct ApplyReport {
    std::vector<const Migration*> applied;  // in the order they ran (or would, with dry_run)
};

// Throws InputError (exit 2, nothing run) when an applied file was edited since; a failing
// statement is a FailureError (exit 3) naming file:line:col and PostgreSQL's message, after
// its transaction was rolled back.
ApplyReport apply_pending(const std::string& conninfo, const MigrationSet& files,
                          const TrackingTable& tracking, const ApplyOptions& options);

struct RevertOptions {
    std::optional<int> steps;       // revert this many, newest first
    std::optional<std::string> to;  // revert until this version is the newest applied
    bool dry_run = false;
    RunSettings settings;
    LockOptions lock;
    std::function<void(const Migration&, std::size_t index, std::size_t count)> on_start;
    std::function<void(const Migration&, int execution_ms)> on_reverted;
};

struct RevertReport {
    std::vector<const Migration*> reverted;  // newest first
};

// Runs down sections, newest first, each with the removal of its tracking row (in one
// transaction unless `transaction:false`). Refuses (exit 2, nothing run) to pass a migration
// that has no down section, was edited since applied or is missing as a file.
RevertReport revert_applied(const std::string& conninfo, const MigrationSet& files,
                            const TrackingTable& tracking, const RevertOptions& options);

}  // namespace driftless::apply
