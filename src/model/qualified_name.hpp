#pragma once
// A schema-qualified name, as PostgreSQL stores it (case preserved, unquoted).
#include <compare>
#include <string>

namespace driftless::model {

struct QualifiedName {
    std::string schema;
    std::string name;

    auto operator<=>(const QualifiedName&) const = default;
    std::string display() const { return schema + "." + name; }  // for messages only, unquoted
};

}  // namespace driftless::model
