#include "scratch/cache_dir.hpp"

#include <fmt/format.h>
#include <cstdlib>

#include "scratch/server_user.hpp"
#include "util/error.hpp"

namespace driftless::scratch {

namespace {
std::filesystem::path user_cache_directory(bool& explicit_choice) {
    explicit_choice = false;
    if (const char* dir = std::getenv("DRIFTLESS_CACHE"); dir && *dir) {
        explicit_choice = true;
        return dir;
    }
    if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) {
        return std::filesystem::path(dir) / "driftless";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".cache" / "driftless";
    }
    return std::filesystem::temp_directory_path() / "driftless-cache";
}
}  // namespace

std::filesystem::path server_root_directory() {
    bool explicit_choice = false;
    auto root = std::filesystem::absolute(user_cache_directory(explicit_choice)) / "pg15";
    ServerUser user = ServerUser::detect();
    if (user.can_reach(root)) return root;
    if (explicit_choice) {
        throw InputError(fmt::format(
            "DRIFTLESS_CACHE={}: the postgres user, which runs the embedded server when "
            "driftless runs as root, cannot reach this directory; choose one it can reach",
            std::getenv("DRIFTLESS_CACHE")));
    }
    return "/var/tmp/driftless-postgres/pg15";
}

}  // namespace driftless::scratch
