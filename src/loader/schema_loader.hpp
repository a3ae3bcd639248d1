#pragma once
// Loads ordered schema statements into a (scratch) database. Statements run one by one in
// autocommit. One that fails because something it uses does not exist yet (a dependency
// hidden in a function body, a cycle) is retried after the others, round after round, until
// a round makes no progress. Everything that still fails is reported with its file:line:col
// and PostgreSQL's own message, detail and hint.
#include <vector>

#include "db/session.hpp"
#include "parser/diagnostic.hpp"
#include "parser/statement.hpp"

namespace driftless::loader {

struct LoadOptions {
    bool quiet = false;
};

struct LoadSummary {
    std::size_t statements = 0;
    int rounds = 0;  // 1 when everything loaded in dependency order at the first attempt
};

// Throws parser::SourceErrors (exit 2) when statements fail; FailureError when the
// connection itself fails.
LoadSummary load_statements(db::Session& session, const std::vector<parser::Statement>& statements,
                            const LoadOptions& options = {});

// The diagnostic for a statement the server rejected, at the server's error position when
// it gives one, else at the statement's start.
parser::Diagnostic diagnose(const parser::Statement& statement, const db::ServerError& error);

}  // namespace driftless::loader
