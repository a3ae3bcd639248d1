#pragma once
// Rewrite rules (CREATE RULE) on tables and views, other than a view's own _RETURN rule
// (that one is the view's definition).
#include <optional>
#include <string>

#include "model/qualified_name.hpp"

namespace driftless::model {

enum class RuleEvent { select, update, insert, delete_ };

struct Rule {
    QualifiedName table;  // table or view
    std::string name;
    std::string definition;  // pg_get_ruledef: "CREATE RULE r AS ON INSERT TO app.t DO …;"
    RuleEvent event = RuleEvent::insert;
    bool instead = false;  // DO INSTEAD rather than DO ALSO
    char enabled = 'O';    // ev_enabled: O origin, D disabled, R replica, A always
    std::optional<std::string> comment{};
    bool operator==(const Rule&) const = default;
};

}  // namespace driftless::model
