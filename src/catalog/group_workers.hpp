#pragma once
// The connections that read the reader groups after the first, in the first connection's
// exported snapshot.
#include <atomic>
#include <exception>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/connection>

#include "catalog/reader_groups.hpp"

namespace driftless::catalog {

// Each worker opens its connection on a thread of its own as soon as the read starts, while
// the first connection is still being made (a new backend costs about 15 ms, on a core that
// is otherwise idle then), and waits for the snapshot. An empty snapshot means the read is
// serial after all: the worker closes its connection unused. A worker that cannot connect
// (a connection limit, say) leaves its group to the first connection.
//
// The context is read only after release(), so the caller may fill it in until then.
class GroupWorkers {
  public:
    GroupWorkers(const std::string& conninfo, const ReadContext& context,
                 const std::vector<ReaderGroup>& groups, std::vector<RawCatalog>& parts);
    GroupWorkers(const GroupWorkers&) = delete;
    GroupWorkers& operator=(const GroupWorkers&) = delete;
    // Every way out releases the workers before waiting for them.
    ~GroupWorkers();

    // Hands the workers the snapshot to read in (empty: they are not needed). Once only.
    void release(const std::string& snapshot);

    // Sends the workers away unused and waits for them: says whether any of them connected.
    bool stop();

    // Waits for the workers and rethrows the first failure; then says, per group, whether
    // no worker read it (group 0 always, groups whose worker could not connect).
    std::vector<char> join();

    // After join(): the connections that read a group, still open (see ReadOptions).
    std::vector<std::unique_ptr<pqxx::connection>> take_connections();

  private:
    void join_threads();

    std::promise<std::string> promise_;
    std::shared_future<std::string> snapshot_;
    bool released_ = false;
    std::atomic<int> connected_ = 0;
    std::vector<char> unread_;  // char, not bool: threads write neighbouring entries
    std::vector<std::exception_ptr> failures_;
    std::vector<std::unique_ptr<pqxx::connection>> connections_;  // kept once read
    std::vector<std::thread> threads_;
};

}  // namespace driftless::catalog
