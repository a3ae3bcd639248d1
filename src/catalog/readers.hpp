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

// Tables without their columns; columns come from read_columns, keyed by table, each
// table's columns together and in attnum order.
std::vector<model::Table> read_tables(Transaction&, const ReadContext&);
struct ColumnRow {
    model::QualifiedName table;
    int attnum = 0;
    model::Column column;
};
std::vector<ColumnRow> read_columns(Transaction&, const ReadContext&);
std::vector<model::View> read_views(Transaction&, const ReadContext&);
// Constraints with their key as attnums (conkey); name_key_columns turns them into column
// names once the columns are read (on another connection, possibly).
struct ConstraintRow {
    model::Constraint constraint;
    std::vector<int> key;
};
std::vector<ConstraintRow> read_constraints(Transaction&, const ReadContext&);
std::vector<model::Constraint> name_key_columns(std::vector<ConstraintRow> rows,
                                                const std::vector<ColumnRow>& columns);
std::vector<model::Index> read_indexes(Transaction&, const ReadContext&);
std::vector<model::Trigger> read_triggers(Transaction&, const ReadContext&);
std::vector<model::Policy> read_policies(Transaction&, const ReadContext&);
std::vector<model::ExtendedStatistics> read_statistics(Transaction&, const ReadContext&);
std::vector<model::Rule> read_rules(Transaction&, const ReadContext&);
std::vector<model::Dependency> read_dependencies(Transaction&, const ReadContext&);

}  // namespace driftless::catalog
