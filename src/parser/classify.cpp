#include "parser/classify.hpp"

#include <set>
#include <unordered_map>

namespace driftless::parser {

namespace {

enum Tier : int {
    schemas = 0,
    extensions = 1,
    types = 2,
    functions = 3,
    tables = 4,
    views = 5,
    table_details = 6,  // indexes, constraints, triggers, policies, rules
    attachments = 7,    // comments, grants, owners
};

const std::unordered_map<std::string, int>& definition_tiers() {
    static const std::unordered_map<std::string, int> tiers{
        {"CreateSchemaStmt", schemas},
        {"CreateExtensionStmt", extensions},
        {"CreateEnumStmt", types},
        {"AlterEnumStmt", types},
        {"CompositeTypeStmt", types},
        {"CreateDomainStmt", types},
        {"AlterDomainStmt", types},
        {"CreateRangeStmt", types},
        {"DefineStmt", types},
        {"CreateSeqStmt", types},
        {"CreateConversionStmt", types},
        {"CreateFunctionStmt", functions},
        {"AlterFunctionStmt", functions},
        {"CreateStmt", tables},
        {"CreateForeignTableStmt", tables},
        {"AlterSeqStmt", tables},
        {"ViewStmt", views},
        {"CreateTableAsStmt", views},
        {"IndexStmt", table_details},
        {"AlterTableStmt", table_details},
        {"CreateTrigStmt", table_details},
        {"CreateEventTrigStmt", table_details},
        {"CreatePolicyStmt", table_details},
        {"AlterPolicyStmt", table_details},
        {"RuleStmt", table_details},
        {"CreateStatsStmt", table_details},
        {"CreateCastStmt", table_details},
        {"CreateOpClassStmt", table_details},
        {"CreateOpFamilyStmt", table_details},
        {"CreateTransformStmt", table_details},
        {"CreatePublicationStmt", table_details},
        {"CommentStmt", attachments},
        {"SecLabelStmt", attachments},
        {"GrantStmt", attachments},
        {"AlterOwnerStmt", attachments},
        {"AlterDefaultPrivilegesStmt", attachments},
    };
    return tiers;
}

const std::set<std::string> code_statements{"DoStmt", "CallStmt", "ExecuteStmt"};

const std::set<std::string> data_statements{
    "SelectStmt",  "InsertStmt",         "UpdateStmt",  "DeleteStmt",     "MergeStmt",
    "CopyStmt",    "TruncateStmt",       "PrepareStmt", "DeallocateStmt", "DeclareCursorStmt",
    "FetchStmt",   "ClosePortalStmt",    "ListenStmt",  "NotifyStmt",     "UnlistenStmt",
    "LockStmt",    "VacuumStmt",         "ClusterStmt", "ReindexStmt",    "CheckPointStmt",
    "ExplainStmt", "RefreshMatViewStmt", "LoadStmt",    "DiscardStmt"};

const std::set<std::string> drop_statements{
    "DropStmt",           "DropRoleStmt",         "DropdbStmt",          "DropOwnedStmt",
    "DropTableSpaceStmt", "DropSubscriptionStmt", "DropUserMappingStmt", "ReassignOwnedStmt"};

const std::set<std::string> cluster_statements{
    "CreateRoleStmt",         "AlterRoleStmt",
    "AlterRoleSetStmt",       "GrantRoleStmt",
    "CreatedbStmt",           "AlterDatabaseStmt",
    "AlterDatabaseSetStmt",   "AlterSystemStmt",
    "CreateTableSpaceStmt",   "AlterTableSpaceOptionsStmt",
    "CreateSubscriptionStmt", "AlterSubscriptionStmt"};

Classification refuse(std::string why) {
    return {StatementRole::refused, 0, std::move(why)};
}

// pg_dump starts every dump with `SELECT pg_catalog.set_config('search_path', '', false);`.
bool is_set_config_call(const nlohmann::json& node) {
    if (node.contains("fromClause") || !node.contains("targetList")) return false;
    const auto& targets = node["targetList"];
    if (targets.size() != 1) return false;
    const auto* value = &targets[0];
    if (!value->contains("ResTarget")) return false;
    const auto& target = (*value)["ResTarget"];
    if (!target.contains("val") || !target["val"].contains("FuncCall")) return false;
    const auto& names = target["val"]["FuncCall"]["funcname"];
    return !names.empty() && names.back()["String"].value("sval", "") == "set_config";
}

Classification classify_alter_table(const nlohmann::json& node) {
    static const std::set<std::string> dropping{
        "AT_DropColumn", "AT_DropConstraint", "AT_DetachPartition", "AT_DropInherit", "AT_DropOf"};
    for (const auto& command : node.value("cmds", nlohmann::json::array())) {
        std::string subtype = command["AlterTableCmd"].value("subtype", "");
        if (dropping.count(subtype)) {
            return refuse(
                "dropping part of a table is not allowed in schema files: a schema file says "
                "what should exist, so remove the definition instead");
        }
    }
    return {StatementRole::definition, table_details, {}};
}

}  // namespace

Classification classify(const std::string& node_type, const nlohmann::json& node) {
    if (node_type == "VariableSetStmt") return {StatementRole::session_setting, 0, {}};
    if (node_type == "SelectStmt" && is_set_config_call(node)) {
        return {StatementRole::session_setting, 0, {}};
    }
    if (node_type == "AlterTableStmt") return classify_alter_table(node);
    if (node_type == "AlterDomainStmt" && node.value("subtype", "") == "X") {
        return refuse(
            "dropping a domain constraint is not allowed in schema files; remove it from the "
            "definition instead");
    }
    if (node_type == "CreateTableAsStmt" && node.value("objtype", "") != "OBJECT_MATVIEW") {
        return refuse(
            "CREATE TABLE AS copies data and is not allowed in schema files; write CREATE TABLE");
    }
    if (node_type == "DefineStmt" && node.value("kind", "") == "OBJECT_AGGREGATE") {
        return {StatementRole::definition, functions, {}};  // built from functions
    }
    if (auto it = definition_tiers().find(node_type); it != definition_tiers().end()) {
        return {StatementRole::definition, it->second, {}};
    }
    if (node_type == "TransactionStmt") {
        return refuse(
            "transaction control is not allowed in schema files: driftless decides how statements "
            "are grouped");
    }
    if (drop_statements.count(node_type)) {
        return refuse(
            "DROP is not allowed in schema files: a schema file says what should exist, so remove "
            "the definition instead");
    }
    if (code_statements.count(node_type)) {
        return refuse(
            "running code is not allowed in schema files (its effects cannot be compared); put it "
            "in a migration");
    }
    if (data_statements.count(node_type)) {
        return refuse(
            "data statements are not allowed in schema files; put data changes in a migration");
    }
    if (cluster_statements.count(node_type)) {
        return refuse(
            "roles, databases and tablespaces belong to the whole server, not to a schema; create "
            "them outside schema files");
    }
    if (node_type == "RenameStmt") {
        return refuse(
            "RENAME is not allowed in schema files: rename the definition and mark it with `-- "
            "driftless:renamed-from old_name`");
    }
    return refuse("this is not a schema statement");
}

}  // namespace driftless::parser
