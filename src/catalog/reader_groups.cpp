#include "catalog/reader_groups.hpp"

#include <map>
#include <utility>

namespace driftless::catalog {

namespace {

// A step that runs one reader into one field: of the schema being read, or (columns and
// constraints, which need a second pass) of the RawCatalog itself.
template <auto Field, auto Reader>
void into_schema(Transaction& tx, const ReadContext& context, RawCatalog& raw) {
    raw.schema.*Field = Reader(tx, context);
}

template <auto Field, auto Reader>
void into_raw(Transaction& tx, const ReadContext& context, RawCatalog& raw) {
    raw.*Field = Reader(tx, context);
}

using model::Schema;

// clang-format off
const ReaderStep namespaces{"namespaces", into_schema<&Schema::schemas, read_namespaces>};
const ReaderStep extensions{"extensions", into_schema<&Schema::extensions, read_extensions>};
const ReaderStep enums{"enums", into_schema<&Schema::enums, read_enums>};
const ReaderStep domains{"domains", into_schema<&Schema::domains, read_domains>};
const ReaderStep composite_types{"composite types", into_schema<&Schema::composite_types, read_composite_types>};
const ReaderStep range_types{"range types", into_schema<&Schema::range_types, read_range_types>};
const ReaderStep sequences{"sequences", into_schema<&Schema::sequences, read_sequences>};
const ReaderStep functions{"functions", into_schema<&Schema::functions, read_functions>};
const ReaderStep tables{"tables", into_schema<&Schema::tables, read_tables>};
const ReaderStep columns{"columns", into_raw<&RawCatalog::columns, read_columns>};
const ReaderStep views{"views", into_schema<&Schema::views, read_views>};
const ReaderStep constraints{"constraints", into_raw<&RawCatalog::constraints, read_constraints>};
const ReaderStep indexes{"indexes", into_schema<&Schema::indexes, read_indexes>};
const ReaderStep triggers{"triggers", into_schema<&Schema::triggers, read_triggers>};
const ReaderStep policies{"policies", into_schema<&Schema::policies, read_policies>};
const ReaderStep statistics{"statistics", into_schema<&Schema::statistics, read_statistics>};
const ReaderStep rules{"rules", into_schema<&Schema::rules, read_rules>};
const ReaderStep dependencies{"dependencies", into_schema<&Schema::dependencies, read_dependencies>};
// clang-format on

// Moves each part's items of one kind into schema (only one part reads a kind, but nothing
// here depends on that).
template <typename T>
void take(std::vector<T> model::Schema::*kind, std::vector<RawCatalog>& parts,
          model::Schema& schema) {
    for (RawCatalog& part : parts) {
        auto& items = part.schema.*kind;
        if (items.empty()) continue;
        auto& into = schema.*kind;
        if (into.empty()) {
            into = std::move(items);
        } else {
            into.insert(into.end(), std::make_move_iterator(items.begin()),
                        std::make_move_iterator(items.end()));
        }
    }
}

// The part that read a kind kept in RawCatalog's own fields (only one part reads each).
bool is_empty(const std::vector<TableColumns>& columns) {
    return columns.empty();
}
bool is_empty(const ConstraintRows& rows) {
    return rows.constraints.empty();
}

template <typename T>
T take_from_reader(T RawCatalog::*field, std::vector<RawCatalog>& parts) {
    for (RawCatalog& part : parts) {
        if (!is_empty(part.*field)) return std::move(part.*field);
    }
    return T{};
}

void attach_columns(std::vector<model::Table>& tables, std::vector<TableColumns> columns) {
    std::map<model::QualifiedName, std::size_t> by_name;
    for (std::size_t i = 0; i < tables.size(); ++i) by_name.emplace(tables[i].name, i);
    for (auto& group : columns) {
        auto it = by_name.find(group.table);
        // Columns of relations filtered out by kind (none expected) have nowhere to go.
        if (it == by_name.end()) continue;
        tables[it->second].columns = std::move(group.columns);
    }
}

}  // namespace

// Costs on 5,000 tables, on a fresh connection: constraints ~500–700 ms (it builds a relcache
// entry per table, which indexes then reuse: they stay together), columns ~350–450 ms,
// dependencies ~300–400 ms, indexes ~150 ms after constraints, everything else ~200 ms.
// The heaviest group comes first: it runs on the connection that is already open while the
// other one connects. Two groups were measured faster than three (and three than one) with
// client and server on two cores: each extra backend warms its catalog caches from cold.
std::vector<ReaderGroup> reader_groups(bool with_dependencies) {
    if (with_dependencies) {
        return {{constraints, indexes, statistics, rules, tables, views, triggers, policies},
                {namespaces, extensions, enums, domains, composite_types, range_types, sequences,
                 functions, columns, dependencies}};
    }
    return {{constraints, indexes, statistics, rules},
            {namespaces, extensions, enums, domains, composite_types, range_types, sequences,
             functions, columns, tables, views, triggers, policies}};
}

model::Schema merge_groups(std::vector<RawCatalog>& parts) {
    model::Schema schema;
    take(&model::Schema::schemas, parts, schema);
    take(&model::Schema::extensions, parts, schema);
    take(&model::Schema::enums, parts, schema);
    take(&model::Schema::domains, parts, schema);
    take(&model::Schema::composite_types, parts, schema);
    take(&model::Schema::range_types, parts, schema);
    take(&model::Schema::sequences, parts, schema);
    take(&model::Schema::functions, parts, schema);
    take(&model::Schema::tables, parts, schema);
    take(&model::Schema::views, parts, schema);
    take(&model::Schema::indexes, parts, schema);
    take(&model::Schema::triggers, parts, schema);
    take(&model::Schema::policies, parts, schema);
    take(&model::Schema::dependencies, parts, schema);
    take(&model::Schema::statistics, parts, schema);
    take(&model::Schema::rules, parts, schema);
    auto columns = take_from_reader(&RawCatalog::columns, parts);
    auto constraints = take_from_reader(&RawCatalog::constraints, parts);
    name_key_columns(constraints, columns);
    schema.constraints = std::move(constraints.constraints);
    attach_columns(schema.tables, std::move(columns));
    return schema;
}

}  // namespace driftless::catalog
