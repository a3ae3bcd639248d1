#pragma once
// What the tracking table says against what the directory holds: applied, pending, edited
// since applied (checksum differs), applied but missing as a file, pending but older than an
// applied one (out of order), stopped part-way (a `transaction:false` file).
#include <string>
#include <vector>

#include "apply/migration_files.hpp"
#include "apply/tracking_table.hpp"

namespace driftless::apply {

// partial: a `transaction:false` file that stopped part-way; `apply` resumes it.
enum class MigrationState { applied, pending, edited, missing_file, out_of_order, partial };
const char* state_name(MigrationState state);

struct StatusEntry {
    std::string version;
    std::string name;
    MigrationState state = MigrationState::pending;
    std::string applied_at;                // empty when not applied
    const Migration* migration = nullptr;  // null for missing_file
    int statements_done = 0;               // partial: where `apply` resumes
};

// In version order.
std::vector<StatusEntry> compute_status(const MigrationSet& files,
                                        const std::vector<AppliedMigration>& applied);

}  // namespace driftless::apply
