#include "apply/migration_status.hpp"

#include <algorithm>
#include <map>

namespace driftless::apply {

namespace {
struct VersionLess {
    bool operator()(const std::string& a, const std::string& b) const {
        return compare_versions(a, b) < 0;
    }
};
}  // namespace

const char* state_name(MigrationState state) {
    switch (state) {
        case MigrationState::applied:
            return "applied";
        case MigrationState::pending:
            return "pending";
        case MigrationState::edited:
            return "edited since applied";
        case MigrationState::missing_file:
            return "applied, file missing";
        case MigrationState::out_of_order:
            return "pending, out of order";
        case MigrationState::partial:
            return "partially applied";
    }
    return "unknown";
}

std::vector<StatusEntry> compute_status(const MigrationSet& files,
                                        const std::vector<AppliedMigration>& applied) {
    std::map<std::string, const AppliedMigration*, VersionLess> by_version;
    std::string newest_applied;
    std::string covered;  // golang-migrate's row: every version up to it is applied
    for (const auto& row : applied) {
        if (row.covers_older && (covered.empty() || compare_versions(row.version, covered) > 0))
            covered = row.version;
        by_version.emplace(row.version, &row);
        if (newest_applied.empty() || compare_versions(row.version, newest_applied) > 0)
            newest_applied = row.version;
    }
    std::vector<StatusEntry> entries;
    for (const auto& migration : files.migrations) {
        StatusEntry entry{
            migration.version, migration.name, MigrationState::pending, {}, &migration};
        if (auto it = by_version.find(migration.version); it != by_version.end()) {
            const AppliedMigration& row = *it->second;
            entry.applied_at = row.applied_at;
            // Rows adopted from another tool carry no checksum: nothing to compare.
            bool edited = !row.checksum.empty() && row.checksum != migration.checksum;
            entry.state = edited ? MigrationState::edited : MigrationState::applied;
            if (!edited && row.statements_done) {
                entry.state = MigrationState::partial;
                entry.statements_done = *row.statements_done;
            }
            by_version.erase(it);
        } else if (!covered.empty() && compare_versions(migration.version, covered) <= 0) {
            entry.state = MigrationState::applied;
        } else if (!newest_applied.empty() &&
                   compare_versions(migration.version, newest_applied) < 0) {
            entry.state = MigrationState::out_of_order;
        }
        entries.push_back(std::move(entry));
    }
    for (const auto& [version, row] : by_version) {
        entries.push_back(
            {version, row->name, MigrationState::missing_file, row->applied_at, nullptr});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return compare_versions(a.version, b.version) < 0;
    });
    return entries;
}

}  // namespace driftless::apply
