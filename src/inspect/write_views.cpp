// <schema>/views/<name>.sql: a view or materialized view, a materialized view's indexes and
// extended statistics, a view's INSTEAD OF triggers and rules, and comments.
#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::quote_identifier;
using emit::quote_qualified;

namespace {

// pg_get_viewdef ends the query with ';'; clauses come after it, so it goes.
std::string query_text(std::string_view definition) {
    auto end = definition.find_last_not_of(" \t\r\n;");
    return std::string(end == std::string_view::npos ? std::string_view{}
                                                     : definition.substr(0, end + 1));
}

std::string create_view(const model::View& view) {
    // check_option is a reloption, but WITH LOCAL|CASCADED CHECK OPTION is how people
    // write it (and how pg_dump does).
    std::vector<std::string> options;
    std::string check_option;
    for (const auto& option : view.options) {
        if (option.starts_with("check_option=")) {
            check_option = option.substr(std::string_view("check_option=").size());
        } else {
            options.push_back(option);
        }
    }
    std::string text = std::string("CREATE ") +
                       (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
                       quote_qualified(view.name);
    if (!options.empty()) text += " WITH (" + option_list(options) + ")";
    text += " AS\n" + query_text(view.definition);
    if (check_option == "local") text += "\n  WITH LOCAL CHECK OPTION";
    if (check_option == "cascaded") text += "\n  WITH CASCADED CHECK OPTION";
    if (view.materialized && !view.with_data) text += "\n  WITH NO DATA";
    return text + ";";
}

}  // namespace

std::string write_view_file(const model::View& view, const ModelIndex& index) {
    std::string kind = view.materialized ? "materialized view" : "view";
    std::string name = quote_qualified(view.name);
    SqlFile file(kind + " " + name);
    file.add({create_view(view)});
    const auto& parts = index.parts(view.name);
    file.add(index_statements(parts));
    file.add(statistics_statements(parts));
    file.add(trigger_statements(view.name, parts));
    file.add(rule_statements(view.name, parts, false));

    Group comments;
    std::string object = view.materialized ? "MATERIALIZED VIEW " : "VIEW ";
    if (view.comment) comments.push_back(comment_on(object + name, *view.comment));
    for (const auto& column : view.column_comments) {
        comments.push_back(
            comment_on("COLUMN " + name + "." + quote_identifier(column.column), column.comment));
    }
    for (auto& comment : index_comments(parts)) comments.push_back(std::move(comment));
    for (auto& comment : trigger_comments(view.name, parts)) comments.push_back(std::move(comment));
    for (auto& comment : rule_comments(view.name, parts)) comments.push_back(std::move(comment));
    for (auto& comment : statistics_comments(parts)) comments.push_back(std::move(comment));
    file.add(std::move(comments));
    file.add(privilege_statements("TABLE " + name, view.acl, ""));
    return file.text();
}

}  // namespace driftless::inspect
