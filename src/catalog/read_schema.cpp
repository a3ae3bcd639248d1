#include "catalog/read_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include "catalog/readers.hpp"
#include "db/conninfo.hpp"
#include "model/acl.hpp"
#include "util/error.hpp"

namespace driftless::catalog {

namespace {

// What the readers return, before columns are attached to their tables.
struct RawCatalog {
    model::Schema schema;
    std::vector<ColumnRow> columns;
    std::vector<ConstraintRow> constraints;
};

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
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const T& item) { return exclusions.excluded(key(item)); }),
                items.end());
}

void attach_columns(std::vector<model::Table>& tables, std::vector<ColumnRow> columns) {
    std::map<model::QualifiedName, std::size_t> by_name;
    for (std::size_t i = 0; i < tables.size(); ++i) by_name.emplace(tables[i].name, i);
    for (auto& row : columns) {
        auto it = by_name.find(row.table);
        // Columns of relations filtered out by kind (none expected) have nowhere to go.
        if (it == by_name.end()) continue;
        tables[it->second].columns.push_back(std::move(row.column));
    }
}

// With DRIFTLESS_TRACE_CATALOG set, prints how long each reader took (for bench/ work).
template <typename Reader>
auto timed(const char* what, Reader&& reader) {
    static const bool trace = std::getenv("DRIFTLESS_TRACE_CATALOG") != nullptr;
    auto start = std::chrono::steady_clock::now();
    auto result = reader();
    if (trace) {
        fmt::print(
            stderr, "catalog: {:<18} {:8.1f} ms\n", what,
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    return result;
}

// The readers in three groups of about equal cost (columns, dependencies and constraints are
// the heavy ones, measured on 5,000 tables), each group on a connection of its own. Each group
// fills different fields of the schema, so they never write the same memory.
using ReaderGroup = void (*)(pqxx::transaction_base&, const ReadContext&, RawCatalog&);

void read_types_and_columns(pqxx::transaction_base& tx, const ReadContext& context,
                            RawCatalog& raw) {
    model::Schema& schema = raw.schema;
    schema.schemas = timed("namespaces", [&] { return read_namespaces(tx, context); });
    schema.extensions = timed("extensions", [&] { return read_extensions(tx, context); });
    schema.enums = timed("enums", [&] { return read_enums(tx, context); });
    schema.domains = timed("domains", [&] { return read_domains(tx, context); });
    schema.composite_types =
        timed("composite types", [&] { return read_composite_types(tx, context); });
    schema.range_types = timed("range types", [&] { return read_range_types(tx, context); });
    schema.sequences = timed("sequences", [&] { return read_sequences(tx, context); });
    schema.functions = timed("functions", [&] { return read_functions(tx, context); });
    // Columns wait in a side list until the tables (read by another group) are there.
    raw.columns = timed("columns", [&] { return read_columns(tx, context); });
}

void read_relations_and_dependencies(pqxx::transaction_base& tx, const ReadContext& context,
                                     RawCatalog& raw) {
    model::Schema& schema = raw.schema;
    schema.tables = timed("tables", [&] { return read_tables(tx, context); });
    schema.views = timed("views", [&] { return read_views(tx, context); });
    schema.triggers = timed("triggers", [&] { return read_triggers(tx, context); });
    schema.policies = timed("policies", [&] { return read_policies(tx, context); });
    schema.dependencies = timed("dependencies", [&] { return read_dependencies(tx, context); });
}

void read_constraints_and_indexes(pqxx::transaction_base& tx, const ReadContext& context,
                                  RawCatalog& raw) {
    model::Schema& schema = raw.schema;
    // Key columns are named in assemble(), once the columns (another group's) are there.
    raw.constraints = timed("constraints", [&] { return read_constraints(tx, context); });
    schema.indexes = timed("indexes", [&] { return read_indexes(tx, context); });
    schema.statistics = timed("statistics", [&] { return read_statistics(tx, context); });
    schema.rules = timed("rules", [&] { return read_rules(tx, context); });
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
    drop_excluded(schema.statistics, exclusions, by_table);
    drop_excluded(schema.statistics, exclusions, by_name);
    drop_excluded(schema.rules, exclusions, by_table);
    auto involves_excluded = [&](const model::ObjectId& id) {
        return exclusions.excluded(id.name) ||
               (!id.table.name.empty() && exclusions.excluded(id.table));
    };
    schema.dependencies.erase(std::remove_if(schema.dependencies.begin(), schema.dependencies.end(),
                                             [&](const model::Dependency& d) {
                                                 return involves_excluded(d.from) ||
                                                        involves_excluded(d.to);
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

// ACLs that grant only their kind's defaults read as none, however the server keeps them.
void normalize_privileges(model::Schema& schema) {
    auto normalize = [](auto& items, const std::string& public_privileges) {
        for (auto& item : items)
            if (model::is_default_acl(item.acl, public_privileges)) item.acl.clear();
    };
    normalize(schema.schemas, "");
    normalize(schema.enums, "U");
    normalize(schema.domains, "U");
    normalize(schema.composite_types, "U");
    normalize(schema.sequences, "");
    normalize(schema.functions, "X");
    normalize(schema.tables, "");
    normalize(schema.views, "");
    for (auto& table : schema.tables) normalize(table.columns, "");
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

namespace {

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        return std::make_unique<pqxx::connection>(conninfo);
    } catch (const pqxx::broken_connection& error) {
        std::string why = error.what();
        while (!why.empty() && why.back() == '\n') why.pop_back();
        throw FailureError(fmt::format("cannot connect to {}: {}", db::redact(conninfo), why));
    }
}

using ReadTransaction = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Every name the server renders (format_type, pg_get_*def) comes out schema-qualified, the
// same on every connection whatever the role's search_path; sorts stay in memory; the
// reader groups already run in parallel, so one query gets no parallel workers of its own.
void prepare(pqxx::transaction_base& tx) {
    tx.exec(
        "SELECT pg_catalog.set_config('search_path', '', true), "
        "pg_catalog.set_config('work_mem', '64MB', true), pg_catalog.set_config('jit', 'off', "
        "true), "
        "pg_catalog.set_config('max_parallel_workers_per_gather', '0', true)");
}

// Runs a reader group on a connection of its own, in the snapshot the first connection
// exported, so all groups see the same committed state.
void read_group_in_snapshot(const std::string& conninfo, const std::string& snapshot,
                            const ReadContext& context, ReaderGroup group, RawCatalog& raw) {
    auto connection = connect(conninfo);
    ReadTransaction tx(*connection, "driftless-catalog");
    tx.exec("SET TRANSACTION SNAPSHOT " + tx.quote(snapshot));
    prepare(tx);
    group(tx, context, raw);
    tx.commit();
}

template <typename Body>
void with_catalog_errors(const std::string& conninfo, Body&& body) {
    try {
        body();
    } catch (const pqxx::sql_error& error) {
        throw FailureError(fmt::format("reading the catalog of {} failed: {}", db::redact(conninfo),
                                       error.what()));
    } catch (const pqxx::broken_connection& error) {
        throw FailureError(
            fmt::format("lost the connection to {}: {}", db::redact(conninfo), error.what()));
    }
}

}  // namespace

namespace {

// The three groups' results put together, children attached, exclusions applied.
model::Schema assemble(RawCatalog (&parts)[3], const ReadOptions& options) {
    model::Schema schema =
        std::move(parts[1].schema);  // tables, views, triggers, policies, dependencies
    model::Schema& types = parts[0].schema;
    schema.schemas = std::move(types.schemas);
    schema.extensions = std::move(types.extensions);
    schema.enums = std::move(types.enums);
    schema.domains = std::move(types.domains);
    schema.composite_types = std::move(types.composite_types);
    schema.range_types = std::move(types.range_types);
    schema.sequences = std::move(types.sequences);
    schema.functions = std::move(types.functions);
    schema.constraints = name_key_columns(std::move(parts[2].constraints), parts[0].columns);
    schema.indexes = std::move(parts[2].schema.indexes);
    schema.statistics = std::move(parts[2].schema.statistics);
    schema.rules = std::move(parts[2].schema.rules);
    attach_columns(schema.tables, std::move(parts[0].columns));
    apply_exclusions(schema, {options.exclude_patterns, split_qualified(options.tracking_table)});
    if (options.privileges)
        normalize_privileges(schema);
    else
        clear_privileges(schema);
    return schema;
}

ReadContext context_for(int server_version, const ReadOptions& options) {
    ReadContext context;
    context.server_version = server_version;
    context.schemas = options.schemas;
    return context;
}

const ReaderGroup groups[3] = {read_types_and_columns, read_relations_and_dependencies,
                               read_constraints_and_indexes};

// Below this many user relations, extra connections cost more (each new backend warms its
// catalog caches from cold) than the parallel reading saves: measured ~30 ms per read on the
// scenario databases of tests/scenarios.
constexpr long parallel_threshold = 2000;

}  // namespace

model::Schema read_schema_in(pqxx::transaction_base& tx, int server_version,
                             const ReadOptions& options) {
    ReadContext context = context_for(server_version, options);
    RawCatalog parts[3];
    prepare(tx);
    for (int g = 0; g < 3; ++g) groups[g](tx, context, parts[g]);
    return assemble(parts, options);
}

model::Schema read_schema(const std::string& conninfo, const ReadOptions& options) {
    db::parse_conninfo(conninfo);  // malformed: InputError before any connection attempt
    auto connection = connect(conninfo);
    ReadContext context = context_for(connection->server_version(), options);
    RawCatalog parts[3];
    with_catalog_errors(conninfo, [&] {
        std::string snapshot;
        {
            // Small catalogs, and servers (or poolers) that cannot export snapshots, are read
            // on one connection.
            ReadTransaction probe(*connection, "driftless-snapshot-probe");
            try {
                long relations =
                    probe
                        .exec1("SELECT count(*) FROM pg_catalog.pg_class WHERE oid >= 16384")[0]
                        .as<long>();
                probe.exec("SELECT pg_catalog.pg_export_snapshot()");
                if (std::getenv("DRIFTLESS_CATALOG_SERIAL") == nullptr &&
                    relations >= parallel_threshold)
                    snapshot = "supported";
            } catch (const pqxx::sql_error&) {
            }
        }
        ReadTransaction tx(*connection, "driftless-catalog");
        prepare(tx);
        if (!snapshot.empty())
            snapshot = tx.exec1("SELECT pg_catalog.pg_export_snapshot()")[0].as<std::string>();
        std::exception_ptr failures[2];
        std::vector<std::thread> workers;
        if (!snapshot.empty()) {
            for (int g = 1; g < 3; ++g) {
                workers.emplace_back([&, g] {
                    try {
                        read_group_in_snapshot(conninfo, snapshot, context, groups[g], parts[g]);
                    } catch (...) {
                        failures[g - 1] = std::current_exception();
                    }
                });
            }
        }
        std::exception_ptr own_failure;
        try {
            groups[0](tx, context, parts[0]);
            if (snapshot.empty()) {
                groups[1](tx, context, parts[1]);
                groups[2](tx, context, parts[2]);
            }
        } catch (...) {
            own_failure = std::current_exception();
        }
        for (auto& worker : workers) worker.join();
        if (own_failure) std::rethrow_exception(own_failure);
        for (const auto& failure : failures) {
            if (failure) std::rethrow_exception(failure);
        }
        tx.commit();
    });
    return assemble(parts, options);
}

}  // namespace driftless::catalog
