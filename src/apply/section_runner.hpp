#pragma once
// Runs one section (the up or down part of one migration file) on a session: a
// transactional section in one transaction with its tracking statement, a
// `transaction:false` one statement by statement with its progress recorded after each, so
// a run that stopped resumes at the statement that did not finish. Timeouts apply to every
// statement, lock timeouts are retried with backoff, Ctrl-C cancels the running statement.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "apply/migration_files.hpp"
#include "db/session.hpp"

namespace driftless::apply {

struct RetryNotice {
    std::string where;  // file:line of the statement that waited too long for a lock
    int attempt = 0;    // the attempt that failed, from 1
    int attempts = 0;   // how many there will be at most
    std::chrono::milliseconds delay{0};
};

struct RunSettings {
    std::string lock_timeout = "5s";
    std::string statement_timeout;       // empty: the server's own
    std::string long_statement_timeout;  // index builds, VALIDATE…; empty: statement_timeout
    int lock_retries = 3;                // further attempts after a lock timeout
    std::chrono::milliseconds retry_base{500};  // first delay; doubles, plus up to as much jitter
    std::function<void(const RetryNotice&)> on_retry;
    std::function<void(const std::string& message)> on_note;  // resumes, rebuilt indexes
};

// One section to run, and the tracking statements that go with it.
struct SectionRun {
    const Section& section;
    std::filesystem::path file;
    std::function<std::string(int execution_ms)> record;  // marks the migration done (or undone)
    // transaction:false only: records that the first n statements are done (empty: none kept).
    std::function<std::string(int done)> progress;
    int start_at = 0;  // transaction:false: statements already done by an earlier run
    // transaction:false: an earlier run stopped in statement start_at (it may have finished
    // it without recording so).
    bool resuming = false;
};

class SectionRunner {
  public:
    SectionRunner(db::Session& session, RunSettings settings);
    SectionRunner(const SectionRunner&) = delete;
    SectionRunner& operator=(const SectionRunner&) = delete;

    // Returns the run time in ms. A failing statement is a FailureError naming file:line:col
    // with PostgreSQL's message, after its transaction was rolled back.
    int run(const SectionRun& run);

  private:
    int run_in_transaction(const SectionRun& run);
    int run_statement_by_statement(const SectionRun& run);
    void execute_timed(const SectionStatement& statement);
    bool prepare_concurrent_index(const SectionStatement& statement, bool resuming_here);
    std::chrono::milliseconds retry_delay(int attempt);

    db::Session& session_;
    RunSettings settings_;
    unsigned random_state_;
};

}  // namespace driftless::apply
