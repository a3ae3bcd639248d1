// Views and materialized views, in one query for the whole database.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"

namespace driftless::catalog {

namespace {

// pg_get_viewdef with pretty = true is what psql's \d+ shows, and what pg_dump emits for
// views. Column comments travel as [name, comment] pairs in attnum order.
constexpr const char* views_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS view_name,
       c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid, true) AS definition,
       (SELECT json_agg(a.attname ORDER BY a.attnum)
          FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       to_json(c.reloptions) AS options,
       c.relispopulated AS populated,
       d.description AS comment,
       (SELECT json_agg(json_build_array(a.attname, cd.description) ORDER BY a.attnum)
          FROM pg_description cd
          JOIN pg_attribute a ON a.attrelid = cd.objoid AND a.attnum = cd.objsubid
         WHERE cd.classoid = 'pg_class'::regclass AND cd.objoid = c.oid AND cd.objsubid > 0) AS column_comments,
       to_json(c.relacl::text[]) AS acl
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
 WHERE c.relkind IN ('v', 'm')
   AND {scope}
   AND {not_extension}
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
)SQL";

// The server renders " SELECT …;": the leading space and the terminator are presentation,
// and leaving them in would make every caller strip them before embedding the query.
std::string trimmed_definition(std::string text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && is_space(text.back())) text.pop_back();
    if (!text.empty() && text.back() == ';') text.pop_back();
    while (!text.empty() && is_space(text.back())) text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && is_space(text[start])) ++start;
    return text.substr(start);
}

}  // namespace

std::string views_sql(const ReadContext& context) {
    return fmt::format(views_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")));
}

std::vector<model::View> views_from(const pqxx::result& result) {
    std::vector<model::View> views;
    for (const auto& row : result) {
        model::View view;
        view.name = {row["schema_name"].as<std::string>(), row["view_name"].as<std::string>()};
        view.materialized = row["materialized"].as<bool>();
        view.definition = trimmed_definition(row["definition"].as<std::string>());
        view.columns = text_list(row["columns"]);
        view.options = sorted_text_list(row["options"]);
        // relispopulated is always true for plain views.
        view.with_data = row["populated"].as<bool>();
        view.comment = optional_text(row["comment"]);
        if (!row["column_comments"].is_null())
            for (const auto& pair : nlohmann::json::parse(row["column_comments"].c_str()))
                view.column_comments.push_back(
                    {pair.at(0).get<std::string>(), pair.at(1).get<std::string>()});
        view.acl = sorted_text_list(row["acl"]);
        views.push_back(std::move(view));
    }
    return views;
}

}  // namespace driftless::catalog
