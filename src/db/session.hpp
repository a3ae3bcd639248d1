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
    PGconn* raw() const { return connection_.get(); }

  private:
    struct Finish {
        void operator()(PGconn* connection) const { PQfinish(connection); }
    };
    std::unique_ptr<PGconn, Finish> connection_;
};

}  // namespace driftless::db
