#pragma once
// The whole model of a database schema: what the catalog reads and every later command
// compares. Plain values; every list sorted by identity, so anything made from a Schema is
// deterministic, and two Schemas compare with ==.
#include <vector>

#include "model/constraint.hpp"
#include "model/function.hpp"
#include "model/index.hpp"
#include "model/namespace.hpp"
#include "model/object_id.hpp"
#include "model/policy.hpp"
#include "model/rule.hpp"
#include "model/sequence.hpp"
#include "model/statistics.hpp"
#include "model/table.hpp"
#include "model/trigger.hpp"
#include "model/types.hpp"
#include "model/view.hpp"

namespace driftless::model {

// "from depends on to": from must be created after to and dropped before it.
struct Dependency {
    ObjectId from;
    ObjectId to;
    auto operator<=>(const Dependency&) const = default;
};

struct Schema {
    std::vector<Namespace> schemas;
    std::vector<Extension> extensions;
    std::vector<EnumType> enums;
    std::vector<Domain> domains;
    std::vector<CompositeType> composite_types;
    std::vector<RangeType> range_types;
    std::vector<Sequence> sequences;
    std::vector<Function> functions;
    std::vector<Table> tables;
    std::vector<View> views;               // views and materialized views
    std::vector<Constraint> constraints;   // sorted by (table, name)
    std::vector<Index> indexes;            // sorted by (table, name)
    std::vector<Trigger> triggers;         // sorted by (table, name)
    std::vector<Policy> policies;          // sorted by (table, name)
    std::vector<Dependency> dependencies;  // sorted; between objects of this schema only
    std::vector<ExtendedStatistics> statistics{};  // sorted by (table, name)
    std::vector<Rule> rules{};                     // sorted by (table, name)

    bool operator==(const Schema&) const = default;
};

}  // namespace driftless::model
