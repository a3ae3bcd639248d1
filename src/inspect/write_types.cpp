// <schema>/types.sql: enums, domains, composite types and range types of one schema, each
// followed by its comment.
#include "emit/quote.hpp"
#include "inspect/type_sql.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::quote_identifier;
using emit::quote_literal;
using emit::quote_qualified;

namespace {

// Types grant USAGE to PUBLIC by default.
void add_privileges(Group& group, const std::string& target, const std::vector<std::string>& acl) {
    for (auto& grant : privilege_statements(target, acl, "U")) group.push_back(std::move(grant));
}

Group enum_type(const model::EnumType& type) {
    std::vector<std::string> labels;
    for (const auto& label : type.labels) labels.push_back(quote_literal(label));
    std::string body = labels.empty() ? "()" : "(\n    " + join(labels, ",\n    ") + "\n)";
    Group group{"CREATE TYPE " + quote_qualified(type.name) + " AS ENUM " + body + ";"};
    if (type.comment)
        group.push_back(comment_on("TYPE " + quote_qualified(type.name), *type.comment));
    add_privileges(group, "TYPE " + quote_qualified(type.name), type.acl);
    return group;
}

Group domain(const model::Domain& domain) {
    std::string name = quote_qualified(domain.name);
    std::string text = "CREATE DOMAIN " + name + " AS " + domain.base_type;
    if (domain.collation) text += "\n    COLLATE " + *domain.collation;
    if (domain.default_expression) text += "\n    DEFAULT " + *domain.default_expression;
    if (domain.not_null) text += "\n    NOT NULL";
    Group later;
    for (const auto& check : domain.checks) {
        if (check.validated) {
            text += "\n    CONSTRAINT " + quote_identifier(check.name) + " " + check.definition;
        } else {
            // NOT VALID exists only on ALTER DOMAIN; pg_get_constraintdef already says it.
            std::string alter = "ALTER DOMAIN " + name + " ADD CONSTRAINT " +
                                quote_identifier(check.name) + " " + check.definition;
            if (!check.definition.ends_with("NOT VALID")) alter += " NOT VALID";
            later.push_back(alter + ";");
        }
    }
    Group group{text + ";"};
    for (auto& statement : later) group.push_back(std::move(statement));
    if (domain.comment) group.push_back(comment_on("DOMAIN " + name, *domain.comment));
    for (const auto& check : domain.checks) {
        if (check.comment) {
            group.push_back(comment_on(
                "CONSTRAINT " + quote_identifier(check.name) + " ON DOMAIN " + name,
                *check.comment));
        }
    }
    add_privileges(group, "DOMAIN " + name, domain.acl);
    return group;
}

Group composite_type(const model::CompositeType& type) {
    std::vector<std::string> attributes;
    for (const auto& attribute : type.attributes) {
        std::string text = quote_identifier(attribute.name) + " " + attribute.type;
        if (attribute.collation) text += " COLLATE " + *attribute.collation;
        attributes.push_back(text);
    }
    std::string body = attributes.empty() ? "()" : "(\n    " + join(attributes, ",\n    ") + "\n)";
    Group group{"CREATE TYPE " + quote_qualified(type.name) + " AS " + body + ";"};
    if (type.comment)
        group.push_back(comment_on("TYPE " + quote_qualified(type.name), *type.comment));
    for (const auto& attribute : type.attributes) {
        if (attribute.comment) {
            group.push_back(comment_on("COLUMN " + quote_qualified(type.name) + "." +
                                           quote_identifier(attribute.name),
                                       *attribute.comment));
        }
    }
    add_privileges(group, "TYPE " + quote_qualified(type.name), type.acl);
    return group;
}

// The multirange name PostgreSQL picks by itself: "range" in the name becomes
// "multirange", otherwise "_multirange" is appended.
std::string default_multirange_name(const std::string& range_name) {
    auto at = range_name.find("range");
    if (at == std::string::npos) return range_name + "_multirange";
    return range_name.substr(0, at) + "multi" + range_name.substr(at);
}

}  // namespace

std::string create_range_type(const model::RangeType& type) {
    // Every option arrives rendered by the server, quoted and qualified as needed:
    // format_type for the subtype and the multirange, regproc for the functions, and the
    // opclass and collation names as the catalog reader quotes them.
    std::vector<std::string> options{"subtype = " + type.subtype};
    if (type.subtype_opclass) options.push_back("subtype_opclass = " + *type.subtype_opclass);
    if (type.collation) options.push_back("collation = " + *type.collation);
    if (type.canonical) options.push_back("canonical = " + *type.canonical);
    if (type.subtype_diff) options.push_back("subtype_diff = " + *type.subtype_diff);
    if (type.multirange_name) {
        // format_type qualifies the name only when the search_path does not find it.
        std::string default_name = default_multirange_name(type.name.name);
        bool is_default =
            *type.multirange_name == quote_identifier(default_name) ||
            *type.multirange_name == quote_qualified({type.name.schema, default_name});
        if (!is_default) options.push_back("multirange_type_name = " + *type.multirange_name);
    }
    return "CREATE TYPE " + quote_qualified(type.name) + " AS RANGE (\n    " +
           join(options, ",\n    ") + "\n);";
}

namespace {

Group range_type(const model::RangeType& type) {
    Group group{create_range_type(type)};
    if (type.comment)
        group.push_back(comment_on("TYPE " + quote_qualified(type.name), *type.comment));
    return group;
}

}  // namespace

std::string write_types_file(const std::string& schema, const SchemaTypes& types) {
    SqlFile file("types in schema " + quote_identifier(schema));
    for (const auto* type : types.enums) file.add(enum_type(*type));
    for (const auto* type : types.domains) file.add(domain(*type));
    for (const auto* type : types.composites) file.add(composite_type(*type));
    for (const auto* type : types.ranges) file.add(range_type(*type));
    return file.text();
}

}  // namespace driftless::inspect
