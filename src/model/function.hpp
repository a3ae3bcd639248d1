#pragma once
// Functions, procedures and aggregates. The definition is the server's own rendering
// (pg_get_functiondef; for aggregates a CREATE AGGREGATE built from pg_aggregate).
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

enum class RoutineKind { function, procedure, aggregate, window };

struct Function {
    QualifiedName name;
    std::string arguments;  // pg_get_function_identity_arguments: "a integer, b text"
    RoutineKind kind = RoutineKind::function;
    std::string result;  // pg_get_function_result; empty for procedures
    std::string language;
    std::string definition;  // complete CREATE OR REPLACE statement
    std::optional<std::string> comment;
    std::vector<std::string> acl;
    bool operator==(const Function&) const = default;
};

}  // namespace driftless::model
