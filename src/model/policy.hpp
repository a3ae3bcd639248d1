#pragma once
// Row-level security policies.
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

struct Policy {
    QualifiedName table;
    std::string name;
    bool permissive = true;
    std::string command = "ALL";     // ALL, SELECT, INSERT, UPDATE, DELETE
    std::vector<std::string> roles;  // sorted; "PUBLIC" for public
    std::optional<std::string> using_expression;
    std::optional<std::string> check_expression;
    std::optional<std::string> comment;
    bool operator==(const Policy&) const = default;
};

}  // namespace driftless::model
