#pragma once
// A throwaway PostgreSQL 15 server for the length of one command (or one test process).
//
// initdb runs once into <root>/template (guarded by a file lock, so concurrent first runs do
// not clash). Each server copies that template into <root>/runs/<pid>-<random>/, holds an
// flock on the run's owner.lock for its lifetime and listens only on a unix socket in its run
// directory, so any number of driftless processes can run side by side. A run directory whose
// lock is free belongs to a dead process: the next start stops its server and removes it.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "scratch/server_user.hpp"
#include "util/file_lock.hpp"
#include "util/interrupt.hpp"

namespace driftless::scratch {

struct EmbeddedServerOptions {
    std::filesystem::path root;  // empty: server_root_directory()
    std::filesystem::path bin_dir = DRIFTLESS_PG_BINDIR;
    std::chrono::milliseconds start_timeout{30000};
    // A data directory kept by keep_data() to start from instead of the initdb template
    // (the replayed history of `generate`, see cli/replay_cache.hpp). Empty: the template.
    std::filesystem::path base_data{};
};

// How long the last start took, for `bench/` and verbose output.
struct StartTimings {
    bool created_template = false;
    double template_ms = 0;
    double copy_ms = 0;
    double start_ms = 0;
};

class EmbeddedServer {
  public:
    explicit EmbeddedServer(EmbeddedServerOptions options = {});
    // Not movable: the interrupt cleanup refers to this object.
    EmbeddedServer(EmbeddedServer&&) = delete;
    EmbeddedServer& operator=(EmbeddedServer&&) = delete;
    EmbeddedServer(const EmbeddedServer&) = delete;
    EmbeddedServer& operator=(const EmbeddedServer&) = delete;
    ~EmbeddedServer();

    // libpq connection string for a database on this server, as the superuser.
    std::string conninfo(const std::string& dbname) const;
    const std::filesystem::path& run_directory() const { return run_dir_; }
    const StartTimings& timings() const { return timings_; }
    // Stops the server and removes its directory. Called by the destructor; idempotent.
    void stop() noexcept;
    // Shuts the server down cleanly and moves its data directory to destination (which must
    // not exist; if another process got there first, its copy is kept), then removes the
    // rest of the run. The server is stopped afterwards, as by stop().
    void keep_data(const std::filesystem::path& destination);

    // Removes run directories left by killed processes. Returns how many were removed.
    static int sweep_stale_runs(const std::filesystem::path& root);

  private:
    void ensure_template();
    void create_run_directory();
    void start_server();

    EmbeddedServerOptions options_;
    ServerUser user_;
    std::filesystem::path run_dir_;
    std::filesystem::path socket_dir_;
    std::optional<FileLock> owner_lock_;
    // Whether the run is stopped, shared with the interrupt cleanup: that runs on the signal
    // thread, possibly while (or after) this object is destroyed, so it must not use `this`.
    struct StopState;
    std::shared_ptr<StopState> stop_state_;
    CleanupRegistration on_interrupt_;
    StartTimings timings_;
};

}  // namespace driftless::scratch
