#pragma once
// User-defined types: enums, domains, composite types, range types.
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

struct EnumType {
    QualifiedName name;
    std::vector<std::string> labels;  // in sort order (pg_enum.enumsortorder)
    std::optional<std::string> comment;
    std::vector<std::string> acl;  // aclitem texts; compared only when asked
    bool operator==(const EnumType&) const = default;
};

struct DomainCheck {
    std::string name;
    std::string definition;  // pg_get_constraintdef: "CHECK ((VALUE > 0))"
    bool validated = true;
    std::optional<std::string> comment{};  // COMMENT ON CONSTRAINT … ON DOMAIN …
    bool operator==(const DomainCheck&) const = default;
};

struct Domain {
    QualifiedName name;
    std::string base_type;                 // format_type
    std::optional<std::string> collation;  // only when it differs from the base type's
    std::optional<std::string> default_expression;
    bool not_null = false;
    std::vector<DomainCheck> checks;  // by name
    std::optional<std::string> comment;
    std::vector<std::string> acl;
    bool operator==(const Domain&) const = default;
};

struct CompositeAttribute {
    std::string name;
    std::string type;
    std::optional<std::string> collation;
    std::optional<std::string> comment{};  // COMMENT ON COLUMN type.attribute
    bool operator==(const CompositeAttribute&) const = default;
};

struct CompositeType {
    QualifiedName name;
    std::vector<CompositeAttribute> attributes;  // in attnum order
    std::optional<std::string> comment;
    std::vector<std::string> acl;
    bool operator==(const CompositeType&) const = default;
};

struct RangeType {
    QualifiedName name;
    std::string subtype;
    std::optional<std::string> subtype_opclass;
    std::optional<std::string> collation;
    std::optional<std::string> canonical;
    std::optional<std::string> subtype_diff;
    std::optional<std::string> multirange_name;
    std::optional<std::string> comment;
    bool operator==(const RangeType&) const = default;
};

}  // namespace driftless::model
