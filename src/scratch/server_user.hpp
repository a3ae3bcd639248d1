#pragma once
// PostgreSQL refuses to run as root. When driftless runs as root, the server binaries run
// as the `postgres` system user and the directories they use are handed to that user.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace driftless::scratch {

class ServerUser {
  public:
    // The identity the server binaries run under for this process.
    static ServerUser detect();

    bool switches_user() const { return uid_.has_value(); }
    // Prefixes argv with `runuser -u postgres --` when needed.
    std::vector<std::string> command(std::vector<std::string> argv) const;
    // Gives a directory (not recursively) to the server user.
    void take_ownership(const std::filesystem::path& path) const;
    // Whether the server user can reach (search) every ancestor of path.
    bool can_reach(const std::filesystem::path& path) const;
    // The PostgreSQL role name of the superuser created by initdb.
    static constexpr const char* superuser = "postgres";

  private:
    std::optional<unsigned> uid_;
    std::optional<unsigned> gid_;
};

}  // namespace driftless::scratch
