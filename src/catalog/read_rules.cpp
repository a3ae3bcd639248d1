// Rewrite rules on tables and views in scope, in one query over pg_rewrite. A view's
// _RETURN rule is the view itself (read_views) and is left out.
#include <fmt/format.h>

#include <string>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// pg_get_ruledef without pretty-printing, as pg_dump renders rules.
constexpr const char* rules_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       r.rulename AS rule_name,
       pg_get_ruledef(r.oid) AS definition,
       r.ev_type::text AS event,
       r.is_instead AS instead,
       r.ev_enabled::text AS enabled,
       d.description AS comment
  FROM pg_rewrite r
  JOIN pg_class c ON c.oid = r.ev_class
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_rewrite'::regclass AND d.objoid = r.oid AND d.objsubid = 0
 WHERE r.rulename <> '_RETURN'
   AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
   AND {scope}
   AND {not_extension}
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", r.rulename COLLATE "C"
)SQL";

model::RuleEvent rule_event(const std::string& ev_type, const std::string& where) {
    if (ev_type == "1") return model::RuleEvent::select;
    if (ev_type == "2") return model::RuleEvent::update;
    if (ev_type == "3") return model::RuleEvent::insert;
    if (ev_type == "4") return model::RuleEvent::delete_;
    throw FailureError(fmt::format("rule {} has unexpected ev_type '{}'", where, ev_type));
}

char enabled_code(const std::string& ev_enabled, const std::string& where) {
    if (ev_enabled == "O" || ev_enabled == "D" || ev_enabled == "R" || ev_enabled == "A")
        return ev_enabled[0];
    throw FailureError(fmt::format("rule {} has unexpected ev_enabled '{}'", where, ev_enabled));
}

}  // namespace

std::string rules_sql(const ReadContext& context) {
    return fmt::format(rules_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")));
}

std::vector<model::Rule> rules_from(const pqxx::result& result) {
    std::vector<model::Rule> rules;
    const FieldPositions at(result);
    for (const auto& row : result) {
        model::Rule rule;
        rule.table = {row[at("schema_name")].as<std::string>(),
                      row[at("table_name")].as<std::string>()};
        rule.name = row[at("rule_name")].as<std::string>();
        std::string where = rule.name + " on " + rule.table.display();
        rule.definition = row[at("definition")].as<std::string>();
        rule.event = rule_event(row[at("event")].as<std::string>(), where);
        rule.instead = row[at("instead")].as<bool>();
        rule.enabled = enabled_code(row[at("enabled")].as<std::string>(), where);
        rule.comment = optional_text(row[at("comment")]);
        rules.push_back(std::move(rule));
    }
    return rules;
}

}  // namespace driftless::catalog
