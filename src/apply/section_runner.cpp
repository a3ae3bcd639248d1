#include "apply/section_runner.hpp"

#include <fmt/format.h>

#include <random>
#include <thread>

#include "emit/quote.hpp"
#include "loader/schema_loader.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

namespace driftless::apply {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* lock_not_available = "55P03";

int elapsed_ms(Clock::time_point started) {
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
}

std::string where(const SectionRun& run, const SectionStatement& statement) {
    return fmt::format("{}:{}", run.file.string(), statement.line);
}

// The failing statement's position in its file, PostgreSQL's own message, detail and hint.
[[noreturn]] void fail(const SectionRun& run, const SectionStatement& statement,
                       const db::ServerError& error, const std::string& suffix = {}) {
    parser::Statement located;
    located.file = run.file.string();
    located.line = statement.line;
    located.column = statement.column;
    located.text = statement.text;
    throw FailureError(loader::diagnose(located, error).format() + suffix);
}

// While a section runs, Ctrl-C (or SIGTERM) cancels its statement on the server before the
// process ends; the server then rolls back the open transaction as the connection closes.
// Without the cancel, a long index build would go on running after driftless was gone.
class CancelOnInterrupt {
  public:
    CancelOnInterrupt(db::Session& session, std::string file)
        : handle_(session.cancel_handle()), registration_([this, file = std::move(file)] {
              handle_.cancel();
              fmt::print(stderr,
                         "driftless: interrupted: cancelled the running statement of {}; its "
                         "transaction is rolled back\n",
                         file);
          }) {}

  private:
    db::CancelHandle handle_;
    CleanupRegistration registration_;
};

}  // namespace

SectionRunner::SectionRunner(db::Session& session, RunSettings settings)
    : session_(session), settings_(std::move(settings)), random_state_(std::random_device{}()) {
    session_.execute("SET lock_timeout = " + emit::quote_literal(settings_.lock_timeout));
    if (!settings_.statement_timeout.empty())
        session_.execute("SET statement_timeout = " +
                         emit::quote_literal(settings_.statement_timeout));
}

int SectionRunner::run(const SectionRun& run) {
    CancelOnInterrupt cancel(session_, run.file.string());
    return run.section.transactional ? run_in_transaction(run) : run_statement_by_statement(run);
}

std::chrono::milliseconds SectionRunner::retry_delay(int attempt) {
    auto base = settings_.retry_base * (1LL << std::min(attempt - 1, 6));
    std::minstd_rand random(random_state_++);
    auto jitter = std::uniform_int_distribution<long long>(0, base.count())(random);
    return std::chrono::milliseconds(base.count() + jitter);
}

// Index builds and VALIDATE get the longer timeout; the ordinary one comes back after.
void SectionRunner::execute_timed(const SectionStatement& statement) {
    bool longer = statement.traits.long_running && !settings_.long_statement_timeout.empty();
    if (!longer) return session_.execute(statement.text);
    session_.execute("SET statement_timeout = " +
                     emit::quote_literal(settings_.long_statement_timeout));
    try {
        session_.execute(statement.text);
    } catch (...) {
        // In a failed transaction the SET is undone by the rollback instead.
        if (PQtransactionStatus(session_.raw()) == PQTRANS_IDLE) {
            session_.execute("SET statement_timeout = " +
                             emit::quote_literal(settings_.statement_timeout.empty()
                                                     ? "0"
                                                     : settings_.statement_timeout));
        }
        throw;
    }
    session_.execute("SET statement_timeout = " +
                     emit::quote_literal(
                         settings_.statement_timeout.empty() ? "0" : settings_.statement_timeout));
}

// A transactional section runs in one transaction with its tracking statement: all of it and
// its record persist, or nothing does. A lock timeout rolls it back and tries it again later.
int SectionRunner::run_in_transaction(const SectionRun& run) {
    for (int attempt = 1;; ++attempt) {
        auto started = Clock::now();
        session_.execute("BEGIN");
        const SectionStatement* current = nullptr;
        try {
            for (const auto& statement : run.section.statements) {
                current = &statement;
                execute_timed(statement);
            }
            current = nullptr;
            int ms = elapsed_ms(started);
            session_.execute(run.record(ms));
            session_.execute("COMMIT");
            return ms;
        } catch (const db::StatementFailed& failed) {
            session_.execute("ROLLBACK");
            if (!current) throw;
            int attempts = settings_.lock_retries + 1;
            if (failed.server_error().sqlstate != lock_not_available)
                fail(run, *current, failed.server_error());
            if (attempt >= attempts) {
                fail(run, *current, failed.server_error(),
                     fmt::format("\n(gave up after {} attempts)", attempts));
            }
            auto delay = retry_delay(attempt);
            if (settings_.on_retry)
                settings_.on_retry({where(run, *current), attempt, attempts, delay});
            std::this_thread::sleep_for(delay);
        }
    }
}

// Before `CREATE INDEX CONCURRENTLY name`: an INVALID index of that name is what an
// interrupted build leaves, and it would make this one fail, so it is dropped first. A valid
// one at the statement a resumed run starts with was built by the run that stopped before it
// could record it: the statement is then done. Returns false when the statement is skipped.
bool SectionRunner::prepare_concurrent_index(const SectionStatement& statement,
                                             bool resuming_here) {
    const auto& index = statement.traits.concurrent_index;
    if (!index) return true;
    auto rows = session_.query(fmt::format(
        "SELECT i.indisvalid, pg_catalog.format('%I.%I', n.nspname, c.relname) "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = {} AND c.relnamespace = (SELECT relnamespace FROM pg_catalog.pg_class "
        "WHERE oid = pg_catalog.to_regclass({}))",
        emit::quote_literal(index->index), emit::quote_literal(index->table)));
    if (rows.empty()) return true;
    const std::string qualified = rows[0][1].value_or(index->index);
    if (rows[0][0] == std::optional<std::string>("t")) {
        if (!resuming_here) return true;  // the statement itself says what to do about it
        if (settings_.on_note)
            settings_.on_note(fmt::format("index {} is already built", qualified));
        return false;
    }
    if (settings_.on_note)
        settings_.on_note(
            fmt::format("dropping INVALID index {} left by an interrupted build, to build it again",
                        qualified));
    session_.execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualified);
    return true;
}

// `transaction:false`: statement by statement (CREATE INDEX CONCURRENTLY cannot run in a
// transaction). A progress record before the first statement and after each one says where a
// later run resumes; the statement a run stopped in is run again.
int SectionRunner::run_statement_by_statement(const SectionRun& run) {
    auto started = Clock::now();
    const auto& statements = run.section.statements;
    if (run.progress && run.start_at == 0) session_.execute(run.progress(0));
    for (std::size_t i = static_cast<std::size_t>(run.start_at); i < statements.size(); ++i) {
        const SectionStatement& statement = statements[i];
        bool resuming_here = run.resuming && i == static_cast<std::size_t>(run.start_at);
        for (int attempt = 1;; ++attempt) {
            try {
                if (prepare_concurrent_index(statement, resuming_here)) execute_timed(statement);
                break;
            } catch (const db::StatementFailed& failed) {
                int attempts = settings_.lock_retries + 1;
                if (failed.server_error().sqlstate != lock_not_available)
                    fail(run, statement, failed.server_error());
                if (attempt >= attempts) {
                    fail(run, statement, failed.server_error(),
                         fmt::format("\n(gave up after {} attempts)", attempts));
                }
                auto delay = retry_delay(attempt);
                if (settings_.on_retry)
                    settings_.on_retry({where(run, statement), attempt, attempts, delay});
                std::this_thread::sleep_for(delay);
            }
        }
        if (run.progress && i + 1 < statements.size())
            session_.execute(run.progress(static_cast<int>(i + 1)));
    }
    int ms = elapsed_ms(started);
    session_.execute(run.record(ms));
    return ms;
}

}  // namespace driftless::apply
