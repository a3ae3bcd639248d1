// <schema>/functions/<name>.sql: every overload of one routine name, each followed by its
// comment. Overloads share a file because a reader looks for a routine by name.
#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::quote_qualified;

namespace {

const char* object_keyword(model::RoutineKind kind) {
    switch (kind) {
        case model::RoutineKind::procedure:
            return "PROCEDURE";
        case model::RoutineKind::aggregate:
            return "AGGREGATE";
        case model::RoutineKind::function:
        case model::RoutineKind::window:
            break;
    }
    return "FUNCTION";
}

const char* header_kind(model::RoutineKind kind) {
    switch (kind) {
        case model::RoutineKind::procedure:
            return "procedure";
        case model::RoutineKind::aggregate:
            return "aggregate";
        case model::RoutineKind::function:
        case model::RoutineKind::window:
            break;
    }
    return "function";
}

// The full signature as COMMENT ON takes it. An aggregate without arguments is written
// agg(*), the one spelling the grammar accepts for it.
std::string signature(const model::Function& routine) {
    std::string arguments = routine.arguments;
    if (arguments.empty() && routine.kind == model::RoutineKind::aggregate) arguments = "*";
    return quote_qualified(routine.name) + "(" + arguments + ")";
}

}  // namespace

std::string write_routine_file(const std::vector<const model::Function*>& overloads) {
    // The header names the kind when all overloads share it ("function app.f"), else
    // "routine" (a function and a procedure may share a name).
    std::string kind = overloads.empty() ? "function" : header_kind(overloads.front()->kind);
    for (const auto* routine : overloads) {
        if (header_kind(routine->kind) != kind) kind = "routine";
    }
    SqlFile file(kind + " " +
                 (overloads.empty() ? std::string() : quote_qualified(overloads.front()->name)));
    for (const auto* routine : overloads) {
        Group group{terminated(routine->definition)};
        if (routine->comment) {
            group.push_back(
                comment_on(std::string(object_keyword(routine->kind)) + " " + signature(*routine),
                           *routine->comment));
        }
        // ROUTINE covers functions, procedures and aggregates alike.
        for (auto& grant : privilege_statements("ROUTINE " + signature(*routine), routine->acl, "X"))
            group.push_back(std::move(grant));
        file.add(std::move(group));
    }
    return file.text();
}

}  // namespace driftless::inspect
