// Table and view sections that the server renders or that stand on one line each: replica
// identity, rewrite rules and extended statistics, and their comments.
#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::quote_identifier;
using emit::quote_qualified;

Group replica_identity_statement(const model::Table& table) {
    // Not inherited by partitions or children, so each table states its own; written after
    // the indexes, as USING INDEX needs the index (a primary key's or a unique one).
    std::string alter = "ALTER TABLE " + quote_qualified(table.name) + " REPLICA IDENTITY ";
    switch (table.replica_identity) {
        case model::ReplicaIdentity::full:
            return {alter + "FULL;"};
        case model::ReplicaIdentity::nothing:
            return {alter + "NOTHING;"};
        case model::ReplicaIdentity::index:
            if (table.replica_identity_index)
                return {alter + "USING INDEX " + quote_identifier(*table.replica_identity_index) +
                        ";"};
            return {alter + "NOTHING;"};  // no index left: the server then logs no key
        case model::ReplicaIdentity::default_key:
            break;
    }
    return {};
}

Group rule_statements(const model::QualifiedName& relation, const TableParts& parts,
                      bool is_table) {
    Group group;
    for (const auto* rule : parts.rules) {
        group.push_back(terminated(rule->definition));
        // pg_get_ruledef does not show whether the rule fires; ev_enabled does. Only a
        // table's rules can be disabled.
        if (!is_table) continue;
        std::string alter = "ALTER TABLE " + quote_qualified(relation);
        std::string name = quote_identifier(rule->name);
        switch (rule->enabled) {
            case 'D':
                group.push_back(alter + " DISABLE RULE " + name + ";");
                break;
            case 'R':
                group.push_back(alter + " ENABLE REPLICA RULE " + name + ";");
                break;
            case 'A':
                group.push_back(alter + " ENABLE ALWAYS RULE " + name + ";");
                break;
            default:
                break;  // 'O': fires in origin and local mode, the default
        }
    }
    return group;
}

Group rule_comments(const model::QualifiedName& relation, const TableParts& parts) {
    Group group;
    for (const auto* rule : parts.rules) {
        if (rule->comment) {
            group.push_back(comment_on(
                "RULE " + quote_identifier(rule->name) + " ON " + quote_qualified(relation),
                *rule->comment));
        }
    }
    return group;
}

Group statistics_statements(const TableParts& parts) {
    Group group;
    for (const auto* statistics : parts.statistics)
        group.push_back(terminated(statistics->definition));
    return group;
}

Group statistics_comments(const TableParts& parts) {
    Group group;
    for (const auto* statistics : parts.statistics) {
        if (statistics->comment) {
            group.push_back(
                comment_on("STATISTICS " + quote_qualified(statistics->name), *statistics->comment));
        }
    }
    return group;
}

}  // namespace driftless::inspect
