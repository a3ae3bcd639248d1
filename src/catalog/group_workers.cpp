#include "catalog/group_workers.hpp"

#include <memory>

#include "catalog/group_run.hpp"
#include "util/trace.hpp"

namespace driftless::catalog {

namespace {

// Runs a reader group on a connection of its own, in the snapshot the first connection
// exported, so all groups see the same committed state.
void read_group_in_snapshot(pqxx::connection& connection, const std::string& snapshot,
                            const ReadContext& context, const ReaderGroup& group, RawCatalog& raw) {
    ReadTransaction tx(connection, "driftless-catalog");
    tx.exec("SET TRANSACTION SNAPSHOT " + tx.quote(snapshot));
    prepare_read(tx);
    run_group(tx, context, group, raw);
    tx.commit();
}

}  // namespace

GroupWorkers::GroupWorkers(const std::string& conninfo, const ReadContext& context,
                           const std::vector<ReaderGroup>& groups, std::vector<RawCatalog>& parts)
    : snapshot_(promise_.get_future().share()),
      unread_(groups.size(), 1),
      failures_(groups.size()),
      connections_(groups.size()) {
    for (std::size_t g = 1; g < groups.size(); ++g) {
        threads_.emplace_back([this, &conninfo, &context, &groups, &parts, g] {
            std::unique_ptr<pqxx::connection> connection;
            try {
                connection = std::make_unique<pqxx::connection>(conninfo);
            } catch (const std::exception&) {
                return;  // the first connection reads this group; its own error, if any, tells
            }
            ++connected_;
            trace_step("worker connected");
            const std::string snapshot = snapshot_.get();
            if (snapshot.empty()) return;
            try {
                read_group_in_snapshot(*connection, snapshot, context, groups[g], parts[g]);
                unread_[g] = 0;
                connections_[g] = std::move(connection);
            } catch (...) {
                failures_[g] = std::current_exception();
            }
        });
    }
}

GroupWorkers::~GroupWorkers() {
    release("");
    join_threads();
}

void GroupWorkers::release(const std::string& snapshot) {
    if (released_) return;
    released_ = true;
    promise_.set_value(snapshot);
}

bool GroupWorkers::stop() {
    release("");
    join_threads();
    return connected_ > 0;
}

std::vector<char> GroupWorkers::join() {
    join_threads();
    for (const auto& failure : failures_)
        if (failure) std::rethrow_exception(failure);
    return unread_;
}

std::vector<std::unique_ptr<pqxx::connection>> GroupWorkers::take_connections() {
    join_threads();
    std::vector<std::unique_ptr<pqxx::connection>> open;
    for (auto& connection : connections_)
        if (connection) open.push_back(std::move(connection));
    return open;
}

void GroupWorkers::join_threads() {
    for (auto& thread : threads_)
        if (thread.joinable()) thread.join();
}

}  // namespace driftless::catalog
