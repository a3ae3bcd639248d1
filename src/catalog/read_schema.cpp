#include "catalog/read_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/readers.hpp"
#include "db/conninfo.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

struct Exclusions {
    std::vector<std::string> patterns;
    model::QualifiedName tracking_table;

    bool excluded(const model::QualifiedName& name) const {
        if (name == tracking_table) return true;
        std::string qualified = name.schema + "." + name.name;
        return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
            return glob_match(pattern, qualified) || glob_match(pattern, name.name);
        });
    }
};

model::QualifiedName split_qualified(const std::string& text) {
    auto dot = text.find('.');
    if (dot == std::string::npos) return {"public", text};
    return {text.substr(0, dot), text.substr(dot + 1)};
}

// Removes excluded objects, and children of excluded tables.
template <typename T, typename Key>
void drop_excluded(std::vector<T>& items, const Exclusions& exclusions, Key key) {
    items.erase(std::remove_if(items.begin(), items.end(), [&](const T& item) { return exclusions.excluded(key(item)); }),
                items.end());
}

void attach_columns(std::vector<model::Table>& tables,
                    std::vector<std::pair<model::QualifiedName, model::Column>> columns) {
    std::map<model::QualifiedName, std::size_t> by_name;
    for (std::size_t i = 0; i < tables.size(); ++i) by_name.emplace(tables[i].name, i);
    for (auto& [table, column] : columns) {
        auto it = by_name.find(table);
        // Columns of relations filtered out by kind (none expected) have nowhere to go.
        if (it == by_name.end()) continue;
        tables[it->second].columns.push_back(std::move(column));
    }
}

model::Schema read_all(pqxx::transaction_base& tx, const ReadContext& context) {
    model::Schema schema;
    schema.schemas = read_namespaces(tx, context);
    schema.extensions = read_extensions(tx, context);
    schema.enums = read_enums(tx, context);
    schema.domains = read_domains(tx, context);
    schema.composite_types = read_composite_types(tx, context);
    schema.range_types = read_range_types(tx, context);
    schema.sequences = read_sequences(tx, context);
    schema.functions = read_functions(tx, context);
    schema.tables = read_tables(tx, context);
    attach_columns(schema.tables, read_columns(tx, context));
    schema.views = read_views(tx, context);
    schema.constraints = read_constraints(tx, context);
    schema.indexes = read_indexes(tx, context);
    schema.triggers = read_triggers(tx, context);
    schema.policies = read_policies(tx, context);
    schema.dependencies = read_dependencies(tx, context);
    return schema;
}

void apply_exclusions(model::Schema& schema, const Exclusions& exclusions) {
    auto by_name = [](const auto& item) { return item.name; };
    auto by_table = [](const auto& item) { return item.table; };
    drop_excluded(schema.enums, exclusions, by_name);
    drop_excluded(schema.domains, exclusions, by_name);
    drop_excluded(schema.composite_types, exclusions, by_name);
    drop_excluded(schema.range_types, exclusions, by_name);
    drop_excluded(schema.sequences, exclusions, by_name);
    drop_excluded(schema.functions, exclusions, by_name);
    drop_excluded(schema.tables, exclusions, by_name);
    drop_excluded(schema.views, exclusions, by_name);
    drop_excluded(schema.constraints, exclusions, by_table);
    drop_excluded(schema.indexes, exclusions, by_table);
    drop_excluded(schema.triggers, exclusions, by_table);
    drop_excluded(schema.policies, exclusions, by_table);
    auto involves_excluded = [&](const model::ObjectId& id) {
        return exclusions.excluded(id.name) || (!id.table.name.empty() && exclusions.excluded(id.table));
    };
    schema.dependencies.erase(std::remove_if(schema.dependencies.begin(), schema.dependencies.end(),
                                             [&](const model::Dependency& d) {
                                                 return involves_excluded(d.from) || involves_excluded(d.to);
                                             }),
                              schema.dependencies.end());
}

// Privileges are collected by every reader but compared only when asked: roles and grants
// differ between environments far more often than the schema does.
void clear_privileges(model::Schema& schema) {
    auto clear = [](auto& items) {
        for (auto& item : items) item.acl.clear();
    };
    clear(schema.schemas);
    clear(schema.enums);
    clear(schema.domains);
    clear(schema.composite_types);
    clear(schema.sequences);
    clear(schema.functions);
    clear(schema.tables);
    clear(schema.views);
    for (auto& table : schema.tables) clear(table.columns);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

model::Schema read_schema(const std::string& conninfo, const ReadOptions& options) {
    db::parse_conninfo(conninfo);  // malformed: InputError before any connection attempt
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = std::make_unique<pqxx::connection>(conninfo);
    } catch (const pqxx::broken_connection& error) {
        std::string why = error.what();
        while (!why.empty() && why.back() == '\n') why.pop_back();
        throw FailureError(fmt::format("cannot connect to {}: {}", db::redact(conninfo), why));
    }
    ReadContext context;
    context.server_version = connection->server_version();
    context.schemas = options.schemas;
    model::Schema schema;
    try {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(
            *connection, "driftless-catalog");
        // Every name the server renders (format_type, pg_get_*def) comes out schema-qualified,
        // the same on every connection, whatever the role's search_path.
        tx.exec("SELECT pg_catalog.set_config('search_path', '', true)");
        schema = read_all(tx, context);
        tx.commit();
    } catch (const pqxx::sql_error& error) {
        throw FailureError(fmt::format("reading the catalog of {} failed: {}", db::redact(conninfo), error.what()));
    } catch (const pqxx::broken_connection& error) {
        throw FailureError(fmt::format("lost the connection to {}: {}", db::redact(conninfo), error.what()));
    }
    apply_exclusions(schema, {options.exclude_patterns, split_qualified(options.tracking_table)});
    if (!options.privileges) clear_privileges(schema);
    return schema;
}

}  // namespace driftless::catalog
