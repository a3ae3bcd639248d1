#include "loader/schema_loader.hpp"

#include <fmt/format.h>

#include "parser/load_order.hpp"
#include "util/line_index.hpp"
#include "util/progress.hpp"

namespace driftless::loader {

namespace {

bool may_succeed_later(const db::ServerError& error) {
    // invalid_foreign_key: the referenced key may be added by a later statement.
    return error.is_missing_object() || error.sqlstate == "42830";
}

bool is_connection_failure(const db::ServerError& error) {
    return error.sqlstate.starts_with("08") || error.sqlstate.starts_with("57P");
}

struct Failure {
    std::size_t index;
    db::ServerError error;
};

}  // namespace

parser::Diagnostic diagnose(const parser::Statement& statement, const db::ServerError& error) {
    parser::Diagnostic diagnostic{statement.file, statement.line, statement.column,
                                  error.describe()};
    if (error.position && *error.position > 0) {
        // The position counts characters of the statement text; find that spot in the file.
        std::size_t in_statement =
            byte_offset_of_char(statement.text, static_cast<std::size_t>(*error.position - 1));
        LineIndex lines(statement.text);
        LineCol where = lines.locate(in_statement);
        diagnostic.line = statement.line + where.line - 1;
        diagnostic.column = where.line == 1 ? statement.column + where.column - 1 : where.column;
    }
    return diagnostic;
}

LoadSummary load_statements(db::Session& session, const std::vector<parser::Statement>& statements,
                            const LoadOptions& options) {
    session.execute("SET client_min_messages = warning");
    std::vector<std::size_t> pending = parser::load_order(statements);
    LoadSummary summary;
    std::vector<Failure> real_errors;
    std::vector<Failure> deferred;
    Progress progress("loading schema", statements.size(), options.quiet);
    std::size_t loaded = 0;
    while (!pending.empty()) {
        ++summary.rounds;
        deferred.clear();
        for (std::size_t index : pending) {
            try {
                session.execute(statements[index].text);
                ++loaded;
                progress.update(loaded);
            } catch (const db::StatementFailed& failed) {
                const auto& error = failed.server_error();
                if (is_connection_failure(error)) {
                    throw FailureError(fmt::format("{}: lost the connection: {}",
                                                   statements[index].location(), error.describe()));
                }
                if (may_succeed_later(error)) {
                    deferred.push_back({index, error});
                } else {
                    real_errors.push_back({index, error});
                }
            }
        }
        if (deferred.size() == pending.size()) break;  // no progress this round
        pending.clear();
        for (const auto& failure : deferred) pending.push_back(failure.index);
    }
    summary.statements = loaded;
    if (real_errors.empty() && deferred.empty()) return summary;

    // Everything that failed is reported, consequences included: hiding a statement because
    // it probably failed for another's sake could hide a second, real mistake.
    std::vector<parser::Diagnostic> diagnostics;
    for (const auto* failures : {&real_errors, &deferred}) {
        for (const auto& failure : *failures)
            diagnostics.push_back(diagnose(statements[failure.index], failure.error));
    }
    throw parser::SourceErrors(std::move(diagnostics));
}

}  // namespace driftless::loader
