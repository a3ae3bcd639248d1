#pragma once
// Extended statistics objects (CREATE STATISTICS) on a table or materialized view. Unlike
// an index, a statistics object has a schema of its own, which may differ from its table's.
#include <optional>
#include <string>

#include "model/qualified_name.hpp"

namespace driftless::model {

struct ExtendedStatistics {
    QualifiedName table;  // table or materialized view
    QualifiedName name;
    // pg_get_statisticsobjdef: "CREATE STATISTICS app.s (ndistinct) ON a, (lower(b)) FROM app.t"
    std::string definition;
    std::optional<std::string> comment{};
    bool operator==(const ExtendedStatistics&) const = default;
};

}  // namespace driftless::model
