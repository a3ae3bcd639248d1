// What follows CREATE TABLE in a table's file: constraints that cannot be inline, indexes,
// triggers, row-level security and policies, comments (replica identity, rules and extended
// statistics are in write_table_extras.cpp).
#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::quote_identifier;
using emit::quote_qualified;

bool inline_constraint(const model::Constraint& constraint) {
    // Foreign keys always go in separate ALTER TABLE statements, so that tables referring
    // to each other (cycles) load in any order. NOT VALID exists only on ALTER TABLE.
    return !constraint.inherited && constraint.validated &&
           constraint.kind != model::ConstraintKind::foreign_key;
}

bool written_index(const model::Index& index) {
    // An index attached to a partitioned index is created by that index; an invalid one is
    // the leftover of a failed CREATE INDEX CONCURRENTLY, not part of the design.
    return index.valid && !index.partition_parent;
}

namespace {

std::string add_constraint(const model::Table& table, const model::Constraint& constraint) {
    // Without ONLY: on a partitioned table PostgreSQL requires foreign keys and checks to
    // reach the partitions, whose copies are inherited and so not written themselves.
    std::string text = "ALTER TABLE " + quote_qualified(table.name) + " ADD CONSTRAINT " +
                       quote_identifier(constraint.name) + " " + constraint.definition;
    // pg_get_constraintdef already appends NOT VALID; add it only if a reader did not.
    if (!constraint.validated && !constraint.definition.ends_with("NOT VALID"))
        text += " NOT VALID";
    return text + ";";
}

}  // namespace

Group constraint_alters(const model::Table& table, const TableParts& parts) {
    Group group;
    for (const auto* constraint : parts.constraints) {
        if (!constraint->inherited && !inline_constraint(*constraint) &&
            constraint->kind != model::ConstraintKind::foreign_key) {
            group.push_back(add_constraint(table, *constraint));
        }
    }
    for (const auto* constraint : parts.constraints) {
        if (!constraint->inherited && constraint->kind == model::ConstraintKind::foreign_key) {
            group.push_back(add_constraint(table, *constraint));
        }
    }
    return group;
}

namespace {

// pg_get_indexdef writes an index of a partitioned table as `CREATE INDEX i ON ONLY t …`,
// which builds it for the parent alone (pg_dump then attaches each partition's index).
// The partitions' indexes are not written, so the parent's index must make them: drop ONLY.
std::string index_definition(const model::Index& index) {
    std::string name = quote_identifier(index.name);
    for (std::string create : {"CREATE INDEX ", "CREATE UNIQUE INDEX "}) {
        std::string prefix = create + name + " ON ONLY ";
        if (index.definition.starts_with(prefix)) {
            return create + name + " ON " + index.definition.substr(prefix.size());
        }
    }
    return index.definition;
}

}  // namespace

Group index_statements(const TableParts& parts) {
    Group group;
    for (const auto* index : parts.indexes) {
        if (written_index(*index)) group.push_back(terminated(index_definition(*index)));
    }
    return group;
}

Group trigger_statements(const model::QualifiedName& relation, const TableParts& parts) {
    Group group;
    for (const auto* trigger : parts.triggers) {
        group.push_back(terminated(trigger->definition));
        // pg_get_triggerdef does not show whether the trigger fires; tgenabled does.
        std::string alter = "ALTER TABLE " + quote_qualified(relation);
        std::string name = quote_identifier(trigger->name);
        switch (trigger->enabled) {
            case 'D':
                group.push_back(alter + " DISABLE TRIGGER " + name + ";");
                break;
            case 'R':
                group.push_back(alter + " ENABLE REPLICA TRIGGER " + name + ";");
                break;
            case 'A':
                group.push_back(alter + " ENABLE ALWAYS TRIGGER " + name + ";");
                break;
            default:
                break;  // 'O': fires in origin and local mode, the default
        }
    }
    return group;
}

Group policy_statements(const model::Table& table, const TableParts& parts) {
    Group group;
    std::string table_name = quote_qualified(table.name);
    if (table.row_security)
        group.push_back("ALTER TABLE " + table_name + " ENABLE ROW LEVEL SECURITY;");
    if (table.force_row_security)
        group.push_back("ALTER TABLE " + table_name + " FORCE ROW LEVEL SECURITY;");
    for (const auto* policy : parts.policies) {
        std::vector<std::string> roles;
        for (const auto& role : policy->roles)
            roles.push_back(role == "PUBLIC" ? role : quote_identifier(role));
        if (roles.empty()) roles.push_back("PUBLIC");
        std::string text = "CREATE POLICY " + quote_identifier(policy->name) + " ON " + table_name +
                           "\n    AS " + (policy->permissive ? "PERMISSIVE" : "RESTRICTIVE") +
                           "\n    FOR " + policy->command + "\n    TO " + join(roles, ", ");
        if (policy->using_expression)
            text += "\n    USING " + parenthesized(*policy->using_expression);
        if (policy->check_expression)
            text += "\n    WITH CHECK " + parenthesized(*policy->check_expression);
        group.push_back(text + ";");
    }
    return group;
}

Group index_comments(const TableParts& parts) {
    Group group;
    for (const auto* index : parts.indexes) {
        if (written_index(*index) && index->comment) {
            group.push_back(comment_on(
                "INDEX " + quote_qualified({index->table.schema, index->name}), *index->comment));
        }
    }
    return group;
}

Group trigger_comments(const model::QualifiedName& relation, const TableParts& parts) {
    Group group;
    for (const auto* trigger : parts.triggers) {
        if (trigger->comment) {
            group.push_back(comment_on(
                "TRIGGER " + quote_identifier(trigger->name) + " ON " + quote_qualified(relation),
                *trigger->comment));
        }
    }
    return group;
}

Group table_comments(const model::Table& table, const TableParts& parts) {
    Group group;
    std::string table_name = quote_qualified(table.name);
    if (table.comment) group.push_back(comment_on("TABLE " + table_name, *table.comment));
    for (const auto& column : table.columns) {
        if (column.comment) {
            group.push_back(comment_on("COLUMN " + table_name + "." + quote_identifier(column.name),
                                       *column.comment));
        }
    }
    // Inherited constraints included: their copies keep the parent's name, so the comment
    // finds them after loading.
    for (const auto* constraint : parts.constraints) {
        if (constraint->comment) {
            group.push_back(
                comment_on("CONSTRAINT " + quote_identifier(constraint->name) + " ON " + table_name,
                           *constraint->comment));
        }
    }
    for (auto& comment : index_comments(parts)) group.push_back(std::move(comment));
    for (auto& comment : trigger_comments(table.name, parts)) group.push_back(std::move(comment));
    for (auto& comment : rule_comments(table.name, parts)) group.push_back(std::move(comment));
    for (auto& comment : statistics_comments(parts)) group.push_back(std::move(comment));
    for (const auto* policy : parts.policies) {
        if (policy->comment) {
            group.push_back(
                comment_on("POLICY " + quote_identifier(policy->name) + " ON " + table_name,
                           *policy->comment));
        }
    }
    for (const auto* sequence : parts.owned_sequences) {
        if (sequence->comment)
            group.push_back(
                comment_on("SEQUENCE " + quote_qualified(sequence->name), *sequence->comment));
    }
    return group;
}

}  // namespace driftless::inspect
