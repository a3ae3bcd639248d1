#pragma once
// A plain libpq connection for running DDL statement by statement, with PostgreSQL's error
// fields kept apart (SQLSTATE, message, detail, hint, position) so they can be mapped back
// to the source file. Catalog reads use libpqxx; this is for executing user SQL.
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace driftless::db {

struct ServerError {
    std::string sqlstate;
    std::string severity;
    std::string message;
    std::string detail;
    std::string hint;
    std::string context;
    std::optional<int> position;  // 1-based character position in the statement, when given

    // "message\nDETAIL: …\nHINT: …" as psql prints it, without the severity prefix.
    std::string describe() const;
    // Errors that a later statement may cure by creating the missing object.
    bool is_missing_object() const;
};

class StatementFailed : public FailureError {
  public:
    explicit StatementFailed(ServerError error)
        : FailureError(error.describe()), error_(std::move(error)) {}
    const ServerError& server_error() const { return error_; }

  private:
    ServerError error_;
};

// Cancels whatever statement its session runs, from any thread (libpq's PQcancel is safe
// there): how Ctrl-C stops a long index build instead of leaving it running on the server.
class CancelHandle {
  public:
    explicit CancelHandle(PGconn* connection) : cancel_(PQgetCancel(connection)) {}
    // True when the server accepted the request (it may already have finished).
    bool cancel() const;

  private:
    struct Free {
        void operator()(PGcancel* cancel) const { PQfreeCancel(cancel); }
    };
    std::unique_ptr<PGcancel, Free> cancel_;
};

class Session {
  public:
    // Connects; an unreachable or refusing server is a FailureError naming the redacted target.
    explicit Session(const std::string& conninfo);

    // Runs one statement (or a script, as one implicit transaction) and discards rows.
    // Throws StatementFailed with the server's fields.
    void execute(const std::string& sql);

    // Runs a query and returns its rows as text (NULL as nullopt).
    std::vector<std::vector<std::optional<std::string>>> query(const std::string& sql);

    int server_version() const;
    CancelHandle cancel_handle() const { return CancelHandle(connection_.get()); }
    PGconn* raw() const { return connection_.get(); }

  private:
    struct Finish {
        void operator()(PGconn* connection) const { PQfinish(connection); }
    };
    std::unique_ptr<PGconn, Finish> connection_;
};

}  // namespace driftless::db
