#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"

namespace driftless::catalog {

namespace {

// Array types, multirange types and tables' row types never match: each query picks its
// own typtype, and composite types must be backed by a relkind 'c' relation.
constexpr const char* enums_query = R"SQL(
SELECT n.nspname AS schema, t.typname AS name,
       coalesce((SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                 FROM pg_enum e WHERE e.enumtypid = t.oid)::text, '[]') AS labels,
       d.description AS comment, {acl} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'e' AND {scope} AND {not_extension_member}
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
)SQL";

// The default comes from pg_get_expr rather than typdefault: typdefault is frozen text
// deparsed under the search_path of CREATE time, pg_get_expr renders it now, the way column
// defaults are rendered. Domain NOT NULL is typnotnull (PostgreSQL 17 also stores it as a
// contype 'n' constraint, which is why only 'c' is read here).
constexpr const char* domains_query = R"SQL(
SELECT n.nspname AS schema, t.typname AS name,
       format_type(t.typbasetype, t.typtypmod) AS base_type,
       CASE WHEN t.typcollation <> bt.typcollation THEN {collation} END AS collation,
       coalesce(pg_get_expr(t.typdefaultbin, 0), t.typdefault) AS default_expression,
       t.typnotnull AS not_null,
       coalesce((SELECT json_agg(json_build_object('name', c.conname,
                                                   'definition', pg_get_constraintdef(c.oid),
                                                   'validated', c.convalidated,
                                                   'comment', cd.description)
                                 ORDER BY c.conname COLLATE "C")
                 FROM pg_constraint c
                 LEFT JOIN pg_description cd
                        ON cd.classoid = 'pg_constraint'::regclass AND cd.objoid = c.oid AND cd.objsubid = 0
                 WHERE c.contypid = t.oid AND c.contype = 'c')::text, '[]') AS checks,
       d.description AS comment, {acl} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'd' AND {scope} AND {not_extension_member}
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
)SQL";

// An attribute's comment is stored like a table column's: on the type's pg_class row.
constexpr const char* composite_types_query = R"SQL(
SELECT n.nspname AS schema, t.typname AS name,
       coalesce((SELECT json_agg(json_build_object(
                          'name', a.attname,
                          'type', format_type(a.atttypid, a.atttypmod),
                          'collation', CASE WHEN a.attcollation <> at.typcollation THEN {attribute_collation} END,
                          'comment', ad.description)
                        ORDER BY a.attnum)
                 FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
                 LEFT JOIN pg_description ad
                        ON ad.classoid = 'pg_class'::regclass AND ad.objoid = a.attrelid AND ad.objsubid = a.attnum
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)::text, '[]') AS attributes,
       d.description AS comment, {acl} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class r ON r.oid = t.typrelid
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'c' AND r.relkind = 'c' AND {scope} AND {not_extension_member}
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
)SQL";

// Options that CREATE TYPE … AS RANGE would fill in by itself (the subtype's default
// operator class and collation) are left out, as pg_dump leaves them out. Support functions
// render through regproc, qualified when the search_path or an overload needs it.
constexpr const char* range_types_query = R"SQL(
SELECT n.nspname AS schema, t.typname AS name,
       format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT opc.opcdefault THEN
         CASE WHEN opcn.nspname = 'pg_catalog' THEN '' ELSE quote_ident(opcn.nspname) || '.' END
         || quote_ident(opc.opcname) END AS subtype_opclass,
       CASE WHEN r.rngcollation <> st.typcollation THEN {collation} END AS collation,
       nullif(r.rngcanonical, 0)::regproc::text AS canonical,
       nullif(r.rngsubdiff, 0)::regproc::text AS subtype_diff,
       {multirange} AS multirange_name,
       d.description AS comment
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE {scope} AND {not_extension_member}
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
)SQL";

constexpr const char* acl_items = R"SQL(coalesce((SELECT json_agg(item ORDER BY item COLLATE "C")
                 FROM unnest(t.typacl::text[]) AS item)::text, '[]'))SQL";

// A collation as it can follow COLLATE: quoted, and schema-qualified unless it lives in
// pg_catalog (`"C"`, `"en_US"`, `app."my coll"`), independent of the search_path.
std::string collation_name(const std::string& oid_expression) {
    return fmt::format(
        "(SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE quote_ident(cn.nspname) || '.' "
        "END "
        "|| quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = "
        "co.collnamespace "
        "WHERE co.oid = {})",
        oid_expression);
}

std::string sql(const char* query, const ReadContext& context, const std::string& collation = "",
                const std::string& multirange = "") {
    return fmt::format(fmt::runtime(query), fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension_member", not_extension_member("pg_type", "t.oid")),
                       fmt::arg("acl", acl_items), fmt::arg("collation", collation),
                       fmt::arg("attribute_collation", collation_name("a.attcollation")),
                       fmt::arg("multirange", multirange));
}

std::optional<std::string> optional_text(const nlohmann::json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<std::string>();
}

// Whether a check is validated is its own field, so a VALIDATE CONSTRAINT is not mistaken
// for a changed definition.
std::string without_not_valid(std::string definition) {
    constexpr std::string_view suffix = " NOT VALID";
    if (definition.size() >= suffix.size() &&
        definition.compare(definition.size() - suffix.size(), suffix.size(), suffix) == 0) {
        definition.resize(definition.size() - suffix.size());
    }
    return definition;
}

model::QualifiedName name_of(const pqxx::row& row) {
    return {row["schema"].as<std::string>(), row["name"].as<std::string>()};
}

}  // namespace

std::string enums_sql(const ReadContext& context) {
    return sql(enums_query, context);
}

std::vector<model::EnumType> enums_from(const pqxx::result& result) {
    std::vector<model::EnumType> enums;
    for (const auto& row : result) {
        enums.push_back({name_of(row), text_list(row["labels"].as<std::string>()),
                         optional_text(row["comment"]), text_list(row["acl"].as<std::string>())});
    }
    return enums;
}

std::string domains_sql(const ReadContext& context) {
    return sql(domains_query, context, collation_name("t.typcollation"));
}

std::vector<model::Domain> domains_from(const pqxx::result& result) {
    std::vector<model::Domain> domains;
    for (const auto& row : result) {
        model::Domain domain;
        domain.name = name_of(row);
        domain.base_type = row["base_type"].as<std::string>();
        domain.collation = optional_text(row["collation"]);
        domain.default_expression = optional_text(row["default_expression"]);
        domain.not_null = row["not_null"].as<bool>();
        for (const auto& check : nlohmann::json::parse(row["checks"].as<std::string>())) {
            model::DomainCheck item;
            item.name = check.at("name").get<std::string>();
            item.definition = without_not_valid(check.at("definition").get<std::string>());
            item.validated = check.at("validated").get<bool>();
            item.comment = optional_text(check.at("comment"));
            domain.checks.push_back(std::move(item));
        }
        domain.comment = optional_text(row["comment"]);
        domain.acl = text_list(row["acl"].as<std::string>());
        domains.push_back(std::move(domain));
    }
    return domains;
}

std::string composite_types_sql(const ReadContext& context) {
    return sql(composite_types_query, context);
}

std::vector<model::CompositeType> composite_types_from(const pqxx::result& result) {
    std::vector<model::CompositeType> types;
    for (const auto& row : result) {
        model::CompositeType type;
        type.name = name_of(row);
        for (const auto& attribute : nlohmann::json::parse(row["attributes"].as<std::string>())) {
            model::CompositeAttribute item;
            item.name = attribute.at("name").get<std::string>();
            item.type = attribute.at("type").get<std::string>();
            item.collation = optional_text(attribute.at("collation"));
            item.comment = optional_text(attribute.at("comment"));
            type.attributes.push_back(std::move(item));
        }
        type.comment = optional_text(row["comment"]);
        type.acl = text_list(row["acl"].as<std::string>());
        types.push_back(std::move(type));
    }
    return types;
}

std::string range_types_sql(const ReadContext& context) {
    // Multiranges exist from PostgreSQL 14; before that the field stays empty.
    std::string multirange =
        context.server_version >= 140000 ? "format_type(r.rngmultitypid, NULL)" : "NULL::text";
    return sql(range_types_query, context, collation_name("r.rngcollation"), multirange);
}

std::vector<model::RangeType> range_types_from(const pqxx::result& result) {
    std::vector<model::RangeType> types;
    for (const auto& row : result) {
        model::RangeType type;
        type.name = name_of(row);
        type.subtype = row["subtype"].as<std::string>();
        type.subtype_opclass = optional_text(row["subtype_opclass"]);
        type.collation = optional_text(row["collation"]);
        type.canonical = optional_text(row["canonical"]);
        type.subtype_diff = optional_text(row["subtype_diff"]);
        type.multirange_name = optional_text(row["multirange_name"]);
        type.comment = optional_text(row["comment"]);
        types.push_back(std::move(type));
    }
    return types;
}

}  // namespace driftless::catalog
