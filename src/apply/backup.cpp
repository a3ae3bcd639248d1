#include "apply/backup.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <sstream>

#include "db/conninfo.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace driftless::apply {

namespace fs = std::filesystem;

namespace {

// pg_dump must be at least as new as the server; the one on PATH is the user's choice.
std::string pg_dump_program() {
    if (const char* path = std::getenv("PATH")) {
        std::stringstream directories(path);
        for (std::string directory; std::getline(directories, directory, ':');) {
            if (!directory.empty() && fs::exists(fs::path(directory) / "pg_dump"))
                return (fs::path(directory) / "pg_dump").string();
        }
    }
    return (fs::path(DRIFTLESS_PG_BINDIR) / "pg_dump").string();
}

}  // namespace

void backup_database(const std::string& conninfo, const fs::path& file) {
    std::error_code error;
    if (fs::exists(file, error))
        throw InputError(
            fmt::format("--backup {}: the file exists; choose a new name", file.string()));
    // The password travels in pg_dump's environment, not on its command line, where any
    // user of the machine could read it.
    auto options = db::parse_conninfo(conninfo);
    std::optional<std::string> password;
    if (auto it = options.find("password"); it != options.end()) {
        password = it->second;
        options.erase(it);
    }
    const char* previous = std::getenv("PGPASSWORD");
    std::optional<std::string> saved =
        previous ? std::optional<std::string>(previous) : std::nullopt;
    if (password) ::setenv("PGPASSWORD", password->c_str(), 1);
    ProcessResult result =
        run_process({pg_dump_program(), "--format=custom", "--file=" + file.string(),
                     "--dbname=" + db::build_conninfo(options)});
    if (password) {
        if (saved)
            ::setenv("PGPASSWORD", saved->c_str(), 1);
        else
            ::unsetenv("PGPASSWORD");
    }
    if (result.exit_code != 0) {
        fs::remove(file, error);
        std::string output = result.output;
        while (!output.empty() && output.back() == '\n') output.pop_back();
        throw FailureError(fmt::format("backup of {} with pg_dump failed, nothing applied:\n{}",
                                       db::redact(conninfo), output));
    }
}

}  // namespace driftless::apply
