// Table constraints (primary key, unique, foreign key, check, exclusion) of every table in
// scope, in one query. NOT NULL is a column property; domain checks belong to read_domains.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// inherited = NOT conislocal. Checked on PostgreSQL 15: constraints a partition gets from
// its parent (cloned at CREATE … PARTITION OF, or merged with a matching one of its own at
// ATTACH PARTITION, PK and UNIQUE included) have conislocal = false and coninhcount >= 1;
// so do CHECKs a plain-inheritance child gets from its parent. A child constraint that was
// declared locally and also matches the parent's keeps conislocal = true: it must be
// emitted, so it is not marked inherited. Inherited constraints are still listed, so their
// definitions, names and dependencies stay visible to the diff.
//
// The key columns come back as conkey's attnums, named by name_key_columns from the columns
// read_columns returns: looking the names up on the server (one pg_attribute probe per
// constraint) cost a fifth of this query on 5,000 tables.
constexpr const char* constraints_query = R"SQL(
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       con.conname AS constraint_name,
       con.contype::text AS contype,
       pg_get_constraintdef(con.oid) AS definition,
       con.conkey AS key,
       rn.nspname AS referenced_schema,
       rc.relname AS referenced_table,
       con.condeferrable AS deferrable,
       con.condeferred AS initially_deferred,
       con.convalidated AS validated,
       NOT con.conislocal AS inherited,
       d.description AS comment
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_description d
         ON d.classoid = 'pg_constraint'::regclass AND d.objoid = con.oid AND d.objsubid = 0
 WHERE con.conrelid <> 0
   AND con.contype IN ({kinds})
   AND c.relkind IN ('r', 'p', 'f')
   AND {scope}
   AND {not_extension}
)SQL";

template <typename Where>
model::ConstraintKind constraint_kind(std::string_view contype, const Where& where) {
    if (contype == "p") return model::ConstraintKind::primary_key;
    if (contype == "u") return model::ConstraintKind::unique;
    if (contype == "f") return model::ConstraintKind::foreign_key;
    if (contype == "c") return model::ConstraintKind::check;
    if (contype == "x") return model::ConstraintKind::exclusion;
    throw FailureError(fmt::format("constraint {} has unexpected contype '{}'", where(), contype));
}

}  // namespace

namespace {

std::string constraints_of_kinds(const ReadContext& context, const char* kinds) {
    return fmt::format(constraints_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension", not_extension_member("pg_class", "c.oid")),
                       fmt::arg("kinds", kinds));
}

}  // namespace

std::string constraints_sql(const ReadContext& context) {
    return constraints_of_kinds(context, "'p', 'u', 'f', 'c', 'x'");
}

std::string key_constraints_sql(const ReadContext& context) {
    return constraints_of_kinds(context, "'p', 'u', 'f', 'x'");
}

std::string check_constraints_sql(const ReadContext& context) {
    return constraints_of_kinds(context, "'c'");
}

ConstraintRows merged(ConstraintRows first, ConstraintRows second) {
    if (second.constraints.empty()) return first;
    if (first.constraints.empty()) return second;
    ConstraintRows rows;
    std::size_t total = first.constraints.size() + second.constraints.size();
    rows.constraints.reserve(total);
    rows.keys.reserve(total);
    std::size_t i = 0, j = 0;
    auto key = [](const model::Constraint& c) { return std::tie(c.table, c.name); };
    while (i < first.constraints.size() || j < second.constraints.size()) {
        bool take_first = j == second.constraints.size() ||
                          (i < first.constraints.size() &&
                           key(first.constraints[i]) < key(second.constraints[j]));
        ConstraintRows& from = take_first ? first : second;
        std::size_t& at = take_first ? i : j;
        rows.constraints.push_back(std::move(from.constraints[at]));
        rows.keys.push_back(std::move(from.keys[at]));
        ++at;
    }
    return rows;
}

ConstraintRows constraints_from(const pqxx::result& result) {
    const FieldPositions at(result);
    const auto schema_name = at("schema_name"), table_name = at("table_name"),
               constraint_name = at("constraint_name"), contype = at("contype"),
               definition = at("definition"), key = at("key"),
               referenced_schema = at("referenced_schema"),
               referenced_table = at("referenced_table"), deferrable = at("deferrable"),
               initially_deferred = at("initially_deferred"), validated = at("validated"),
               inherited = at("inherited"), comment = at("comment");
    // Sorted here rather than in SQL (byte order equals COLLATE "C"; sorting wide rows on the
    // server spilled to disk on large schemas), and before the constraints are built, so
    // that they are built in place. The keys point into the result and are taken once per
    // row: building them inside the comparison made pqxx row and field objects a million
    // times on 20,000 constraints.
    using Key = std::tuple<std::string_view, std::string_view, std::string_view>;
    std::vector<std::pair<Key, pqxx::result::size_type>> order;
    order.reserve(result.size());
    for (pqxx::result::size_type i = 0; i < result.size(); ++i) {
        const auto row = result[i];
        order.emplace_back(
            Key{row[schema_name].c_str(), row[table_name].c_str(), row[constraint_name].c_str()},
            i);
    }
    std::sort(order.begin(), order.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    ConstraintRows rows;
    rows.constraints.reserve(result.size());
    rows.keys.reserve(result.size());
    for (const auto& [sort_key, position] : order) {
        const auto row = result[position];
        model::Constraint& constraint = rows.constraints.emplace_back();
        constraint.table = {row[schema_name].as<std::string>(), row[table_name].as<std::string>()};
        constraint.name = row[constraint_name].as<std::string>();
        constraint.kind = constraint_kind(std::string_view(row[contype].c_str()), [&] {
            return constraint.name + " on " + constraint.table.display();
        });
        constraint.definition = row[definition].as<std::string>();
        rows.keys.push_back(int_list(row[key]));
        if (!row[referenced_table].is_null())
            constraint.references = model::QualifiedName{row[referenced_schema].as<std::string>(),
                                                         row[referenced_table].as<std::string>()};
        constraint.deferrable = (row[deferrable].c_str()[0] == 't');
        constraint.initially_deferred = (row[initially_deferred].c_str()[0] == 't');
        constraint.validated = (row[validated].c_str()[0] == 't');
        constraint.inherited = (row[inherited].c_str()[0] == 't');
        constraint.comment = optional_text(row[comment]);
    }
    return rows;
}

void name_key_columns(ConstraintRows& rows, const std::vector<TableColumns>& columns) {
    std::map<model::QualifiedName, const TableColumns*> by_table;
    for (const TableColumns& table : columns) by_table.emplace(table.table, &table);
    for (std::size_t i = 0; i < rows.constraints.size(); ++i) {
        model::Constraint& constraint = rows.constraints[i];
        auto table = by_table.find(constraint.table);
        if (table == by_table.end()) continue;
        const auto& attnums = table->second->attnums;
        for (int attnum : rows.keys[i]) {
            // Expression columns of exclusion constraints (attnum 0) have no name; the
            // definition carries them.
            auto at = std::lower_bound(attnums.begin(), attnums.end(), attnum);
            if (attnum <= 0 || at == attnums.end() || *at != attnum) continue;
            constraint.columns.push_back(
                table->second->columns[static_cast<std::size_t>(at - attnums.begin())].name);
        }
    }
}

}  // namespace driftless::catalog
