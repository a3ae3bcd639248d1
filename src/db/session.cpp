#include "db/session.hpp"

#include <fmt/format.h>

#include "db/conninfo.hpp"

namespace driftless::db {

namespace {

struct ClearResult {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ClearResult>;

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value ? value : "";
}

std::string trim_newlines(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

ServerError error_from(const PGresult* result, PGconn* connection) {
    ServerError error;
    if (!result) {
        error.message = trim_newlines(PQerrorMessage(connection));
        error.sqlstate = "08006";
        return error;
    }
    error.sqlstate = field(result, PG_DIAG_SQLSTATE);
    error.severity = field(result, PG_DIAG_SEVERITY);
    error.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    error.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    error.hint = field(result, PG_DIAG_MESSAGE_HINT);
    error.context = field(result, PG_DIAG_CONTEXT);
    std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
    if (!position.empty()) error.position = std::stoi(position);
    if (error.message.empty()) error.message = trim_newlines(PQresultErrorMessage(result));
    if (error.message.empty()) error.message = trim_newlines(PQerrorMessage(connection));
    return error;
}

Result run(PGconn* connection, const std::string& sql) {
    Result result(PQexec(connection, sql.c_str()));
    auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        throw StatementFailed(error_from(result.get(), connection));
    }
    return result;
}

}  // namespace

std::string ServerError::describe() const {
    std::string text = message;
    if (!detail.empty()) text += "\nDETAIL: " + detail;
    if (!hint.empty()) text += "\nHINT: " + hint;
    return text;
}

bool ServerError::is_missing_object() const {
    // undefined_table, undefined_object, undefined_function, undefined_column,
    // invalid_schema_name, undefined_parameter
    return sqlstate == "42P01" || sqlstate == "42704" || sqlstate == "42883" ||
           sqlstate == "42703" || sqlstate == "3F000" || sqlstate == "42P02";
}

Session::Session(const std::string& conninfo) {
    parse_conninfo(conninfo);  // a malformed string is bad input, not a connection failure
    connection_.reset(PQconnectdb(conninfo.c_str()));
    if (!connection_ || PQstatus(connection_.get()) != CONNECTION_OK) {
        std::string why = connection_ ? trim_newlines(PQerrorMessage(connection_.get()))
                                      : std::string("out of memory");
        throw FailureError(fmt::format("cannot connect to {}: {}", redact(conninfo), why));
    }
    // Notices (for example "table does not exist, skipping") are not ours to print.
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
}

bool CancelHandle::cancel() const {
    char error[256];
    return cancel_ && PQcancel(cancel_.get(), error, sizeof error) == 1;
}

void Session::execute(const std::string& sql) {
    run(connection_.get(), sql);
}

std::vector<std::vector<std::optional<std::string>>> Session::query(const std::string& sql) {
    Result result = run(connection_.get(), sql);
    std::vector<std::vector<std::optional<std::string>>> rows;
    int row_count = PQntuples(result.get());
    int column_count = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(row_count));
    for (int r = 0; r < row_count; ++r) {
        auto& row = rows.emplace_back();
        for (int c = 0; c < column_count; ++c) {
            if (PQgetisnull(result.get(), r, c)) {
                row.emplace_back(std::nullopt);
            } else {
                row.emplace_back(PQgetvalue(result.get(), r, c));
            }
        }
    }
    return rows;
}

int Session::server_version() const {
    return PQserverVersion(connection_.get());
}

}  // namespace driftless::db
