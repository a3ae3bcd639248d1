#include "parser/references.hpp"

#include <algorithm>
#include <set>

#include "parser/sql_text.hpp"

namespace driftless::parser {

namespace {

using Json = nlohmann::json;

std::vector<std::string> strings_of(const Json& list) {
    std::vector<std::string> names;
    if (!list.is_array()) return names;
    for (const auto& item : list) {
        if (item.contains("String")) names.push_back(item["String"].value("sval", ""));
    }
    return names;
}

ObjectName from_list(NameSpace space, const std::vector<std::string>& parts) {
    ObjectName name{space, {}, {}};
    if (parts.empty()) return name;
    name.name = parts.back();
    if (parts.size() >= 2) name.schema = parts[parts.size() - 2];
    return name;
}

ObjectName from_range_var(const Json& range_var) {
    return {NameSpace::relation, range_var.value("schemaname", ""), range_var.value("relname", "")};
}

// 'schema.seq'::regclass inside nextval() and friends names a sequence.
void add_sequence_argument(const Json& call, std::vector<ObjectName>& reads) {
    static const std::vector<std::string> sequence_functions{"nextval", "currval", "setval"};
    auto names = strings_of(call.value("funcname", Json::array()));
    if (names.empty() || std::find(sequence_functions.begin(), sequence_functions.end(),
                                   names.back()) == sequence_functions.end()) {
        return;
    }
    const Json* argument =
        call.contains("args") && !call["args"].empty() ? &call["args"][0] : nullptr;
    while (argument && argument->contains("TypeCast")) argument = &(*argument)["TypeCast"]["arg"];
    if (!argument || !argument->contains("A_Const")) return;
    const Json& constant = (*argument)["A_Const"];
    if (!constant.contains("sval")) return;
    std::string qualified = read_identifier(constant["sval"].value("sval", ""));
    std::size_t dot = qualified.rfind('.');
    if (dot == std::string::npos) {
        reads.push_back({NameSpace::relation, {}, qualified});
    } else {
        reads.push_back({NameSpace::relation, qualified.substr(0, dot), qualified.substr(dot + 1)});
    }
}

// Every name the tree mentions: relations (RangeVar), types (TypeName), functions
// (FuncCall, trigger and ObjectWithArgs names) and OWNED BY targets.
void walk(const Json& node, std::vector<ObjectName>& reads) {
    if (node.is_array()) {
        for (const auto& item : node) walk(item, reads);
        return;
    }
    if (!node.is_object()) return;
    if (node.contains("relname")) reads.push_back(from_range_var(node));
    if (node.contains("names") && node.contains("typemod")) {
        auto parts = strings_of(node["names"]);
        if (!(parts.size() == 2 && parts[0] == "pg_catalog")) {
            reads.push_back(from_list(NameSpace::relation, parts));
        }
    }
    if (node.contains("funcname")) {
        reads.push_back(from_list(NameSpace::function, strings_of(node["funcname"])));
        add_sequence_argument(node, reads);
    }
    if (node.contains("objname")) {
        reads.push_back(from_list(NameSpace::function, strings_of(node["objname"])));
    }
    if (node.value("defname", "") == "owned_by" && node.contains("arg")) {
        auto parts =
            strings_of(node["arg"].value("List", Json::object()).value("items", Json::array()));
        if (parts.size() >= 2) {
            parts.pop_back();  // the column
            reads.push_back(from_list(NameSpace::relation, parts));
        }
    }
    // CREATE AGGREGATE names its support functions as type names.
    static const std::set<std::string> aggregate_functions{
        "sfunc",        "finalfunc", "combinefunc", "serialfunc",
        "deserialfunc", "msfunc",    "minvfunc",    "mfinalfunc"};
    if (aggregate_functions.count(node.value("defname", "")) && node.contains("arg") &&
        node["arg"].contains("TypeName")) {
        reads.push_back(
            from_list(NameSpace::function, strings_of(node["arg"]["TypeName"]["names"])));
    }
    if (node.value("defname", "") == "schema" && node.contains("arg") &&
        node["arg"].contains("String")) {
        reads.push_back({NameSpace::schema, {}, node["arg"]["String"].value("sval", "")});
    }
    for (const auto& [key, child] : node.items()) {
        if (child.is_structured()) walk(child, reads);
    }
}

// COMMENT ON / SECURITY LABEL / ALTER … OWNER name their object as a list of strings:
// the object itself, or (column, constraint, trigger, policy) its table then its own name.
void add_object_list(const Json& node, std::vector<ObjectName>& targets) {
    const Json& object = node.value("object", Json::object());
    std::vector<std::string> parts;
    if (object.contains("List")) parts = strings_of(object["List"].value("items", Json::array()));
    if (object.contains("String")) parts = {object["String"].value("sval", "")};
    if (parts.empty()) return;
    std::string kind = node.value("objtype", node.value("objectType", ""));
    if (kind == "OBJECT_SCHEMA") {
        targets.push_back({NameSpace::schema, {}, parts.back()});
        return;
    }
    targets.push_back(from_list(NameSpace::relation, parts));
    if (parts.size() >= 2) {
        parts.pop_back();
        targets.push_back(from_list(NameSpace::relation, parts));
    }
}

bool adds_foreign_key(const Json& alter) {
    for (const auto& command : alter.value("cmds", Json::array())) {
        const Json& def = command["AlterTableCmd"].value("def", Json::object());
        if (def.contains("Constraint") &&
            def["Constraint"].value("contype", "") == "CONSTR_FOREIGN") {
            return true;
        }
    }
    return false;
}

}  // namespace

StatementReferences find_references(const Statement& statement) {
    StatementReferences refs;
    const Json& node = statement.node;
    const std::string& type = statement.node_type;

    if (type == "CreateSchemaStmt") {
        refs.creates.push_back({NameSpace::schema, {}, node.value("schemaname", "")});
    } else if (type == "CreateStmt" || type == "CreateSeqStmt" || type == "ViewStmt" ||
               type == "CompositeTypeStmt" || type == "CreateForeignTableStmt") {
        const char* field = type == "CreateStmt"          ? "relation"
                            : type == "CreateSeqStmt"     ? "sequence"
                            : type == "ViewStmt"          ? "view"
                            : type == "CompositeTypeStmt" ? "typevar"
                                                          : "base";
        const Json& relation =
            type == "CreateForeignTableStmt" ? node["base"]["relation"] : node[field];
        refs.creates.push_back(from_range_var(relation));
    } else if (type == "CreateTableAsStmt") {
        refs.creates.push_back(from_range_var(node["into"]["rel"]));
    } else if (type == "CreateEnumStmt" || type == "CreateRangeStmt") {
        refs.creates.push_back(from_list(NameSpace::relation, strings_of(node["typeName"])));
    } else if (type == "CreateDomainStmt") {
        refs.creates.push_back(from_list(NameSpace::relation, strings_of(node["domainname"])));
    } else if (type == "DefineStmt") {
        auto space = node.value("kind", "") == "OBJECT_AGGREGATE" ? NameSpace::function
                                                                  : NameSpace::relation;
        refs.creates.push_back(from_list(space, strings_of(node["defnames"])));
    } else if (type == "CreateFunctionStmt") {
        refs.creates.push_back(from_list(NameSpace::function, strings_of(node["funcname"])));
    } else if (type == "IndexStmt") {
        ObjectName table = from_range_var(node["relation"]);
        refs.targets.push_back(table);
        if (node.contains("idxname"))
            refs.creates.push_back({NameSpace::relation, table.schema, node["idxname"]});
        if (node.value("unique", false)) refs.extends.push_back(table);  // FKs may reference it
    } else if (type == "AlterTableStmt") {
        ObjectName table = from_range_var(node["relation"]);
        refs.targets.push_back(table);
        if (!adds_foreign_key(node)) refs.extends.push_back(table);
    } else if (type == "CreateTrigStmt" || type == "RuleStmt") {
        refs.targets.push_back(from_range_var(node["relation"]));
    } else if (type == "CreatePolicyStmt" || type == "AlterPolicyStmt") {
        refs.targets.push_back(from_range_var(node["table"]));
    } else if (type == "AlterEnumStmt" || type == "AlterDomainStmt") {
        auto parts = strings_of(node.value("typeName", Json::array()));
        refs.targets.push_back(from_list(NameSpace::relation, parts));
        refs.extends.push_back(from_list(NameSpace::relation, parts));
    } else if (type == "CommentStmt" || type == "SecLabelStmt" || type == "AlterOwnerStmt") {
        add_object_list(node, refs.targets);
    } else if (type == "GrantStmt" && node.value("objtype", "") == "OBJECT_SCHEMA") {
        for (const auto& schema : strings_of(node.value("objects", Json::array()))) {
            refs.targets.push_back({NameSpace::schema, {}, schema});
        }
    }

    walk(node, refs.reads);
    // A qualified name needs its schema.
    std::vector<ObjectName> schemas;
    for (const auto* list : {&refs.creates, &refs.reads, &refs.targets}) {
        for (const auto& name : *list) {
            if (!name.schema.empty()) schemas.push_back({NameSpace::schema, {}, name.schema});
        }
    }
    refs.reads.insert(refs.reads.end(), schemas.begin(), schemas.end());
    return refs;
}

}  // namespace driftless::parser
