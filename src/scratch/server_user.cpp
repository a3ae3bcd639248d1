#include "scratch/server_user.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "util/error.hpp"

namespace driftless::scratch {

ServerUser ServerUser::detect() {
    ServerUser user;
    if (::geteuid() != 0) return user;
    const passwd* entry = ::getpwnam("postgres");
    if (!entry) {
        throw FailureError(
            "running as root, but there is no `postgres` system user to run the embedded "
            "PostgreSQL server (install postgresql-15, or run driftless as an ordinary user)");
    }
    user.uid_ = entry->pw_uid;
    user.gid_ = entry->pw_gid;
    return user;
}

std::vector<std::string> ServerUser::command(std::vector<std::string> argv) const {
    if (!switches_user()) return argv;
    std::vector<std::string> wrapped{"runuser", "-u", "postgres", "--"};
    wrapped.insert(wrapped.end(), argv.begin(), argv.end());
    return wrapped;
}

void ServerUser::take_ownership(const std::filesystem::path& path) const {
    if (!switches_user()) return;
    if (::chown(path.c_str(), *uid_, *gid_) != 0) {
        throw FailureError(fmt::format("cannot give {} to the postgres user: {}", path.string(),
                                       std::strerror(errno)));
    }
}

bool ServerUser::can_reach(const std::filesystem::path& path) const {
    if (!switches_user()) return true;
    for (auto dir = std::filesystem::absolute(path).parent_path();; dir = dir.parent_path()) {
        struct stat info {};
        if (::stat(dir.c_str(), &info) == 0) {
            bool searchable = (info.st_mode & S_IXOTH) ||
                              (info.st_uid == *uid_ && (info.st_mode & S_IXUSR)) ||
                              (info.st_gid == *gid_ && (info.st_mode & S_IXGRP));
            if (!searchable) return false;
        }
        if (dir == dir.root_path()) return true;
    }
}

}  // namespace driftless::scratch
