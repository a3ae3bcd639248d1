#include "emit/quote.hpp"

#include <algorithm>
#include <array>

namespace driftless::emit {

namespace {

// The keywords of PostgreSQL 15 that are not UNRESERVED_KEYWORD in src/include/parser/kwlist.h:
// RESERVED_KEYWORD, COL_NAME_KEYWORD and TYPE_FUNC_NAME_KEYWORD. quote_ident quotes all of
// them, because each is unusable as a bare name in some position (a column named `integer`
// cannot be written bare in every context). Unreserved keywords (name, text, data, …) are
// left out: they are valid bare identifiers everywhere. Taken from
// `SELECT word, catcode FROM pg_get_keywords() WHERE catcode <> 'U'` on 15.20, which reads
// kwlist.h. Sorted in byte order for binary search; the static_assert below keeps it so.
constexpr std::array<std::string_view, 151> quoted_keywords{
    "all",                // reserved
    "analyse",            // reserved
    "analyze",            // reserved
    "and",                // reserved
    "any",                // reserved
    "array",              // reserved
    "as",                 // reserved
    "asc",                // reserved
    "asymmetric",         // reserved
    "authorization",      // type_func_name
    "between",            // col_name
    "bigint",             // col_name
    "binary",             // type_func_name
    "bit",                // col_name
    "boolean",            // col_name
    "both",               // reserved
    "case",               // reserved
    "cast",               // reserved
    "char",               // col_name
    "character",          // col_name
    "check",              // reserved
    "coalesce",           // col_name
    "collate",            // reserved
    "collation",          // type_func_name
    "column",             // reserved
    "concurrently",       // type_func_name
    "constraint",         // reserved
    "create",             // reserved
    "cross",              // type_func_name
    "current_catalog",    // reserved
    "current_date",       // reserved
    "current_role",       // reserved
    "current_schema",     // type_func_name
    "current_time",       // reserved
    "current_timestamp",  // reserved
    "current_user",       // reserved
    "dec",                // col_name
    "decimal",            // col_name
    "default",            // reserved
    "deferrable",         // reserved
    "desc",               // reserved
    "distinct",           // reserved
    "do",                 // reserved
    "else",               // reserved
    "end",                // reserved
    "except",             // reserved
    "exists",             // col_name
    "extract",            // col_name
    "false",              // reserved
    "fetch",              // reserved
    "float",              // col_name
    "for",                // reserved
    "foreign",            // reserved
    "freeze",             // type_func_name
    "from",               // reserved
    "full",               // type_func_name
    "grant",              // reserved
    "greatest",           // col_name
    "group",              // reserved
    "grouping",           // col_name
    "having",             // reserved
    "ilike",              // type_func_name
    "in",                 // reserved
    "initially",          // reserved
    "inner",              // type_func_name
    "inout",              // col_name
    "int",                // col_name
    "integer",            // col_name
    "intersect",          // reserved
    "interval",           // col_name
    "into",               // reserved
    "is",                 // type_func_name
    "isnull",             // type_func_name
    "join",               // type_func_name
    "lateral",            // reserved
    "leading",            // reserved
    "least",              // col_name
    "left",               // type_func_name
    "like",               // type_func_name
    "limit",              // reserved
    "localtime",          // reserved
    "localtimestamp",     // reserved
    "national",           // col_name
    "natural",            // type_func_name
    "nchar",              // col_name
    "none",               // col_name
    "normalize",          // col_name
    "not",                // reserved
    "notnull",            // type_func_name
    "null",               // reserved
    "nullif",             // col_name
    "numeric",            // col_name
    "offset",             // reserved
    "on",                 // reserved
    "only",               // reserved
    "or",                 // reserved
    "order",              // reserved
    "out",                // col_name
    "outer",              // type_func_name
    "overlaps",           // type_func_name
    "overlay",            // col_name
    "placing",            // reserved
    "position",           // col_name
    "precision",          // col_name
    "primary",            // reserved
    "real",               // col_name
    "references",         // reserved
    "returning",          // reserved
    "right",              // type_func_name
    "row",                // col_name
    "select",             // reserved
    "session_user",       // reserved
    "setof",              // col_name
    "similar",            // type_func_name
    "smallint",           // col_name
    "some",               // reserved
    "substring",          // col_name
    "symmetric",          // reserved
    "table",              // reserved
    "tablesample",        // type_func_name
    "then",               // reserved
    "time",               // col_name
    "timestamp",          // col_name
    "to",                 // reserved
    "trailing",           // reserved
    "treat",              // col_name
    "trim",               // col_name
    "true",               // reserved
    "union",              // reserved
    "unique",             // reserved
    "user",               // reserved
    "using",              // reserved
    "values",             // col_name
    "varchar",            // col_name
    "variadic",           // reserved
    "verbose",            // type_func_name
    "when",               // reserved
    "where",              // reserved
    "window",             // reserved
    "with",               // reserved
    "xmlattributes",      // col_name
    "xmlconcat",          // col_name
    "xmlelement",         // col_name
    "xmlexists",          // col_name
    "xmlforest",          // col_name
    "xmlnamespaces",      // col_name
    "xmlparse",           // col_name
    "xmlpi",              // col_name
    "xmlroot",            // col_name
    "xmlserialize",       // col_name
    "xmltable",           // col_name
};
static_assert(std::is_sorted(quoted_keywords.begin(), quoted_keywords.end()));

bool is_quoted_keyword(std::string_view word) {
    return std::binary_search(quoted_keywords.begin(), quoted_keywords.end(), word);
}

}  // namespace

bool identifier_needs_quotes(std::string_view name) {
    if (name.empty()) return true;
    char first = name.front();
    if (!((first >= 'a' && first <= 'z') || first == '_')) return true;
    // Byte-wise like quote_ident: any byte of a multi-byte UTF-8 character is "unsafe", so
    // non-ASCII letters are always quoted.
    for (char c : name) {
        bool safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!safe) return true;
    }
    return is_quoted_keyword(name);
}

std::string quote_identifier(std::string_view name) {
    if (!identifier_needs_quotes(name)) return std::string(name);
    std::string quoted = "\"";
    for (char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string quote_qualified(const model::QualifiedName& name) {
    if (name.schema.empty()) return quote_identifier(name.name);
    return quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

std::string quote_literal(std::string_view text) {
    bool has_backslash = text.find('\\') != std::string_view::npos;
    std::string quoted = has_backslash ? "E'" : "'";
    for (char c : text) {
        if (c == '\'' || (c == '\\' && has_backslash)) quoted += c;
        quoted += c;
    }
    quoted += '\'';
    return quoted;
}

}  // namespace driftless::emit
