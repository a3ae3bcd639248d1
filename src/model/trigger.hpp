#pragma once
#include <optional>
#include <string>

#include "model/qualified_name.hpp"

namespace driftless::model {

struct Trigger {
    QualifiedName table;
    std::string name;
    std::string definition;  // pg_get_triggerdef: "CREATE TRIGGER … EXECUTE FUNCTION …"
    QualifiedName function;  // the trigger function
    char enabled = 'O';      // tgenabled: O origin, D disabled, R replica, A always
    bool is_constraint = false;
    std::optional<std::string> comment;
    bool operator==(const Trigger&) const = default;
};

}  // namespace driftless::model
