#pragma once
// Indexes that are not the implementation of a constraint (those belong to the constraint).
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

struct Index {
    QualifiedName table;  // table or materialized view
    std::string name;
    std::string definition;  // pg_get_indexdef: "CREATE UNIQUE INDEX … ON … USING btree (…)"
    bool unique = false;
    bool valid = true;                              // false: a failed CONCURRENTLY build
    std::optional<QualifiedName> partition_parent;  // index of the parent it is attached to
    std::optional<std::string> comment;
    bool operator==(const Index&) const = default;
};

}  // namespace driftless::model
