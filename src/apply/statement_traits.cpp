#include "apply/statement_traits.hpp"

#include "emit/quote.hpp"

namespace driftless::apply {

namespace {

std::string relation_text(const nlohmann::json& relation) {
    std::string name = emit::quote_identifier(relation.value("relname", ""));
    std::string schema = relation.value("schemaname", "");
    return schema.empty() ? name : emit::quote_identifier(schema) + "." + name;
}

bool validates_a_constraint(const nlohmann::json& alter) {
    for (const auto& command : alter.value("cmds", nlohmann::json::array())) {
        if (command.contains("AlterTableCmd") &&
            command["AlterTableCmd"].value("subtype", "") == "AT_ValidateConstraint")
            return true;
    }
    return false;
}

}  // namespace

StatementTraits statement_traits(const nlohmann::json& statement) {
    StatementTraits traits;
    if (!statement.contains("stmt") || !statement["stmt"].is_object() || statement["stmt"].empty())
        return traits;
    const auto first = statement["stmt"].begin();
    const std::string& kind = first.key();
    const nlohmann::json& body = first.value();
    if (kind == "IndexStmt") {
        traits.long_running = true;
        if (body.value("concurrent", false) && body.contains("idxname") &&
            body.contains("relation")) {
            traits.concurrent_index = ConcurrentIndex{relation_text(body["relation"]),
                                                      body["idxname"].get<std::string>()};
        }
    } else if (kind == "AlterTableStmt") {
        traits.long_running = validates_a_constraint(body);
    } else {
        traits.long_running = kind == "ReindexStmt" || kind == "RefreshMatViewStmt" ||
                              kind == "ClusterStmt" || kind == "VacuumStmt";
    }
    return traits;
}

}  // namespace driftless::apply
