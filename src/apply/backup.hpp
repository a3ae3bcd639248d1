#pragma once
// `apply --backup FILE`: a pg_dump custom-format archive of the database, taken before any
// migration runs; when it fails, nothing is applied.
#include <filesystem>
#include <string>

namespace driftless::apply {

// Runs pg_dump -Fc (PATH first, then the PostgreSQL 15 binaries driftless was built with).
// Throws FailureError with pg_dump's message, never the password of conninfo.
void backup_database(const std::string& conninfo, const std::filesystem::path& file);

}  // namespace driftless::apply
