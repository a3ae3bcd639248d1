#pragma once
// `driftless check`: parse the schema path, load it into a fresh scratch database in
// dependency order, and count what it defines.
#include <filesystem>
#include <map>
#include <string>

#include "db/session.hpp"
#include "loader/schema_loader.hpp"
#include "scratch/scratch_database.hpp"

namespace driftless::loader {

struct CheckResult {
    std::size_t files = 0;
    std::size_t statements = 0;
    int rounds = 0;
    std::map<std::string, long> objects;  // kind → count
};

// Throws parser::SourceErrors (exit 2) with every error; FailureError (exit 3) when the
// scratch server fails.
// Parses the schema path (every syntax error first) and loads it into the session's database.
LoadSummary load_schema_path(const std::filesystem::path& schema_path, db::Session& session,
                             bool quiet);

CheckResult check_schema(const std::filesystem::path& schema_path, scratch::ScratchServer& server,
                         bool quiet);

}  // namespace driftless::loader
