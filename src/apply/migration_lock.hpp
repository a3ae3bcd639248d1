#pragma once
// Serializes migration runs on one database. The interface is deliberately small so that a
// lease row can replace the advisory lock where advisory locks do not exist (Aurora DSQL).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace driftless::apply {

// Who holds the lock, as far as the server can tell.
struct LockHolder {
    int pid = 0;
    std::string application_name;
    std::string since;  // backend start, as the server prints timestamptz
};

class MigrationLock {
  public:
    virtual ~MigrationLock() = default;
    MigrationLock() = default;
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;
};

struct LockOptions {
    std::chrono::milliseconds wait_timeout{std::chrono::seconds(60)};
    std::chrono::milliseconds poll_interval{std::chrono::milliseconds(200)};
    // Called once when the lock is busy, so the user learns who they are waiting for.
    std::function<void(const LockHolder&)> on_wait;
};

// The advisory-lock key for a tracking table: runs on different tracking tables do not wait
// for each other.
long long lock_key(const std::string& tracking_table);

// Takes a session advisory lock on a connection of its own (so no transaction of the run
// holds it), polling pg_try_advisory_lock; the lock is released when the object dies.
// Gives up with a FailureError naming the holder after wait_timeout.
std::unique_ptr<MigrationLock> acquire_advisory_lock(const std::string& conninfo,
                                                     const std::string& tracking_table,
                                                     const LockOptions& options = {});

}  // namespace driftless::apply
