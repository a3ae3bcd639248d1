#pragma once
// One reader per object kind, each one query for the whole database (never one per table),
// definitions rendered by the server (pg_get_*def, format_type). Each returns its objects
// sorted by identity (schema, name; children by table then name) using COLLATE "C" order.
#include <pqxx/pqxx>

#include <string>
#include <utility>
#include <vector>

#include "catalog/read_context.hpp"
#include "model/schema.hpp"

namespace driftless::catalog {

using Transaction = pqxx::transaction_base;

// Each kind's reader is two halves: X_sql(context) is its query for the server at hand, and
// X_from(result) turns that query's rows into the model. Apart, a connection can send all of
// a group's queries at once and the server runs the next while this side reads the last.
std::string namespaces_sql(const ReadContext&);
std::vector<model::Namespace> namespaces_from(const pqxx::result&);
std::string extensions_sql(const ReadContext&);
std::vector<model::Extension> extensions_from(const pqxx::result&);
std::string enums_sql(const ReadContext&);
std::vector<model::EnumType> enums_from(const pqxx::result&);
std::string domains_sql(const ReadContext&);
std::vector<model::Domain> domains_from(const pqxx::result&);
std::string composite_types_sql(const ReadContext&);
std::vector<model::CompositeType> composite_types_from(const pqxx::result&);
std::string range_types_sql(const ReadContext&);
std::vector<model::RangeType> range_types_from(const pqxx::result&);
std::string sequences_sql(const ReadContext&);
std::vector<model::Sequence> sequences_from(const pqxx::result&);
std::string functions_sql(const ReadContext&);
std::vector<model::Function> functions_from(const pqxx::result&);

// Tables without their columns; columns_from returns each table's columns, in attnum order,
// with their attnums (constraint keys are attnums), the tables in oid order (they are
// matched to tables_from's by name).
std::string tables_sql(const ReadContext&);
std::vector<model::Table> tables_from(const pqxx::result&);
struct TableColumns {
    model::QualifiedName table;
    std::vector<model::Column> columns;
    std::vector<int> attnums;  // at the same positions as columns
};
std::string columns_sql(const ReadContext&);
std::vector<TableColumns> columns_from(const pqxx::result&);
std::string views_sql(const ReadContext&);
std::vector<model::View> views_from(const pqxx::result&);
// Constraints and, at the same positions, their keys as attnums (conkey); name_key_columns
// turns those into column names once the columns are read (on another connection, maybe).
struct ConstraintRows {
    std::vector<model::Constraint> constraints;
    std::vector<std::vector<int>> keys;
};
std::string constraints_sql(const ReadContext&);
// The same rows in two halves: CHECK constraints, whose definitions make the server build
// each table's relation cache entry (indexes reuse it), and all the others.
std::string check_constraints_sql(const ReadContext&);
std::string key_constraints_sql(const ReadContext&);
ConstraintRows constraints_from(const pqxx::result&);
// Two sorted halves as one sorted list.
ConstraintRows merged(ConstraintRows first, ConstraintRows second);
void name_key_columns(ConstraintRows& rows, const std::vector<TableColumns>& columns);
std::string indexes_sql(const ReadContext&);
std::vector<model::Index> indexes_from(const pqxx::result&);
std::string triggers_sql(const ReadContext&);
std::vector<model::Trigger> triggers_from(const pqxx::result&);
std::string policies_sql(const ReadContext&);
std::vector<model::Policy> policies_from(const pqxx::result&);
std::string statistics_sql(const ReadContext&);
std::vector<model::ExtendedStatistics> statistics_from(const pqxx::result&);
std::string rules_sql(const ReadContext&);
std::vector<model::Rule> rules_from(const pqxx::result&);
std::string dependencies_sql(const ReadContext&);
std::vector<model::Dependency> dependencies_from(const pqxx::result&);

}  // namespace driftless::catalog
