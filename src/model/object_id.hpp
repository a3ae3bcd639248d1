#pragma once
// The identity of any object in a Schema: what kind, its qualified name, the table it belongs
// to (constraints, indexes, triggers, policies, statistics, rules) and, for functions, its
// argument types.
// ObjectIds key the diff and ordering; their order is the stable order of everything emitted.
#include <compare>
#include <string>

#include "model/qualified_name.hpp"

namespace driftless::model {

enum class ObjectKind {
    schema,
    extension,
    enum_type,
    domain,
    composite_type,
    range_type,
    sequence,
    function,
    table,
    view,
    materialized_view,
    constraint,
    index,
    trigger,
    policy,
    statistics,  // extended statistics; name is its own qualified name, table its table
    rule,
};

const char* kind_name(ObjectKind kind);  // "table", "materialized view", …

struct ObjectId {
    ObjectKind kind = ObjectKind::table;
    QualifiedName name;     // for schemas and extensions: {"", name}
    QualifiedName table;    // owning table or view; empty when none
    std::string arguments;  // function identity arguments, e.g. "integer, text"

    auto operator<=>(const ObjectId&) const = default;
    std::string display() const;  // "table public.users", "index public.users_email_idx"
};

}  // namespace driftless::model
