#include "apply/migration_lock.hpp"

#include <fmt/format.h>
#include <thread>

#include "apply/digest.hpp"
#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace {

class AdvisoryLock : public MigrationLock {
  public:
    AdvisoryLock(std::unique_ptr<db::Session> session, long long key)
        : session_(std::move(session)), key_(key) {}
    ~AdvisoryLock() override {
        try {
            session_->execute(fmt::format("SELECT pg_advisory_unlock({})", key_));
        } catch (...) {
            // Closing the session below releases a session lock anyway.
        }
    }

  private:
    std::unique_ptr<db::Session> session_;
    long long key_;
};

std::optional<LockHolder> current_holder(db::Session& session, long long key) {
    // An advisory lock on a bigint key shows in pg_locks as classid = high half, objid = low
    // half, objsubid = 1.
    auto rows = session.query(fmt::format(
        "SELECT a.pid, a.application_name, a.backend_start::text FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        "AND l.classid = ({0}::bigint >> 32)::oid AND l.objid = ({0}::bigint & 4294967295)::oid "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        key));
    if (rows.empty()) return std::nullopt;
    return LockHolder{std::stoi(rows[0][0].value_or("0")), rows[0][1].value_or(""),
                      rows[0][2].value_or("")};
}

}  // namespace

long long lock_key(const std::string& tracking_table) {
    std::string digest = sha256("driftless migration lock " + tracking_table);
    unsigned long long key = 0;
    for (int i = 0; i < 8; ++i) key = (key << 8) | static_cast<unsigned char>(digest[i]);
    return static_cast<long long>(key);
}

std::unique_ptr<MigrationLock> acquire_advisory_lock(const std::string& conninfo,
                                                     const std::string& tracking_table,
                                                     const LockOptions& options) {
    auto session = std::make_unique<db::Session>(conninfo);
    long long key = lock_key(tracking_table);
    auto deadline = std::chrono::steady_clock::now() + options.wait_timeout;
    bool told = false;
    std::optional<LockHolder> holder;
    for (;;) {
        auto rows = session->query(fmt::format("SELECT pg_try_advisory_lock({})", key));
        if (rows.at(0).at(0) == std::optional<std::string>("t")) {
            return std::make_unique<AdvisoryLock>(std::move(session), key);
        }
        if (auto now = current_holder(*session, key)) holder = now;
        if (!told && holder && options.on_wait) {
            options.on_wait(*holder);
            told = true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string who =
                holder ? fmt::format("pid {} ({}), connected since {}", holder->pid,
                                     holder->application_name.empty() ? "no application_name"
                                                                      : holder->application_name,
                                     holder->since)
                       : std::string("another session");
            throw FailureError(fmt::format(
                "another migration run holds the lock on {} ({}): {}; gave up after {} s",
                db::redact(conninfo), tracking_table, who,
                std::chrono::duration_cast<std::chrono::seconds>(options.wait_timeout).count()));
        }
        std::this_thread::sleep_for(options.poll_interval);
    }
}

}  // namespace driftless::apply
