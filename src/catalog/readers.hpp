#pragma once
// One reader per object kind, each one query for the whole database (never one per table),
// definitions rendered by the server (pg_get_*def, format_type). Each returns its objects
// sorted by identity (schema, name; children by table then name) using COLLATE "C" order.
#include <pqxx/pqxx>

#include <utility>
#include <vector>

#include "catalog/read_context.hpp"
#include "model/schema.hpp"

namespace driftless::catalog {

using Transaction = pqxx::transaction_base;

std::vector<model::Namespace> read_namespaces(Transaction&, const ReadContext&);
std::vector<model::Extension> read_extensions(Transaction&, const ReadContext&);
std::vector<model::EnumType> read_enums(Transaction&, const ReadContext&);
std::vector<model::Domain> read_domains(Transaction&, const ReadContext&);
std::vector<model::CompositeType> read_composite_types(Transaction&, const ReadContext&);
std::vector<model::RangeType> read_range_types(Transaction&, const ReadContext&);
std::vector<model::Sequence> read_sequences(Transaction&, const ReadContext&);
std::vector<model::Function> read_functions(Transaction&, const ReadContext&);

// Tables without their columns; read_columns returns each table's columns, in attnum order,
// with their attnums (constraint keys are attnums), the tables in oid order (they are
// matched to read_tables' by name).
std::vector<model::Table> read_tables(Transaction&, const ReadContext&);
struct TableColumns {
    model::QualifiedName table;
    std::vector<model::Column> columns;
    std::vector<int> attnums;  // at the same positions as columns
};
std::vector<TableColumns> read_columns(Transaction&, const ReadContext&);
std::vector<model::View> read_views(Transaction&, const ReadContext&);
// Constraints and, at the same positions, their keys as attnums (conkey); name_key_columns
// turns those into column names once the columns are read (on another connection, maybe).
struct ConstraintRows {
    std::vector<model::Constraint> constraints;
    std::vector<std::vector<int>> keys;
};
ConstraintRows read_constraints(Transaction&, const ReadContext&);
void name_key_columns(ConstraintRows& rows, const std::vector<TableColumns>& columns);
std::vector<model::Index> read_indexes(Transaction&, const ReadContext&);
std::vector<model::Trigger> read_triggers(Transaction&, const ReadContext&);
std::vector<model::Policy> read_policies(Transaction&, const ReadContext&);
std::vector<model::ExtendedStatistics> read_statistics(Transaction&, const ReadContext&);
std::vector<model::Rule> read_rules(Transaction&, const ReadContext&);
std::vector<model::Dependency> read_dependencies(Transaction&, const ReadContext&);

}  // namespace driftless::catalog
