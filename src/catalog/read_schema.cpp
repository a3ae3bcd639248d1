#include "catalog/read_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>

#include "catalog/group_run.hpp"
#include "catalog/group_workers.hpp"
#include "catalog/reader_groups.hpp"
#include "db/conninfo.hpp"
#include "model/acl.hpp"
#include "util/error.hpp"
#include "util/trace.hpp"

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
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const T& item) { return exclusions.excluded(key(item)); }),
                items.end());
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

// The groups' results put together, children attached, exclusions applied.
model::Schema assemble(std::vector<RawCatalog>& parts, const ReadOptions& options) {
    model::Schema schema = merge_groups(parts);
    trace_step("merged");
    apply_exclusions(schema, {options.exclude_patterns, split_qualified(options.tracking_table)});
    trace_step("excluded");
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

// Below about 3,500 user relations, extra connections cost more (each new backend warms its
// catalog caches from cold) than the parallel reading saves: a wash at 300 generated tables
// (1,800 relations), a third faster at 1,000 (6,000). The size is pg_class's in pages (about
// 40 relations each; the built-in catalog takes 14), since counting its rows cost 10 ms on
// 5,000 tables.
constexpr long parallel_threshold_pages = 100;

}  // namespace

model::Schema read_schema_in(pqxx::transaction_base& tx, int server_version,
                             const ReadOptions& options) {
    ReadContext context = context_for(server_version, options);
    auto groups = reader_groups(options.dependencies);
    std::vector<RawCatalog> parts(groups.size());
    prepare_read(tx);
    for (std::size_t g = 0; g < groups.size(); ++g) run_group(tx, context, groups[g], parts[g]);
    return assemble(parts, options);
}

model::Schema read_schema(const std::string& conninfo, const ReadOptions& options) {
    ReadReport report;
    return read_schema(conninfo, options, report);
}

model::Schema read_schema(const std::string& conninfo, const ReadOptions& options,
                          ReadReport& report) {
    db::parse_conninfo(conninfo);  // malformed: InputError before any connection attempt
    trace_step("start");
    const bool may_run_parallel =
        options.parallel && std::getenv("DRIFTLESS_CATALOG_SERIAL") == nullptr;
    auto groups = reader_groups(options.dependencies);
    std::vector<RawCatalog> parts(groups.size());
    // The workers need the context, which needs the server's version: they read it only
    // after the snapshot, which comes later still.
    ReadContext context;
    std::optional<GroupWorkers> workers;
    if (may_run_parallel) workers.emplace(conninfo, context, groups, parts);
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = connect(conninfo);
    } catch (const FailureError&) {
        // A worker may have taken the role's or the server's last connection slot: with the
        // workers gone, one more try, serial. Only then, so an unreachable server is not
        // waited for twice.
        if (!workers || !workers->stop()) throw;
        workers.reset();
        connection = connect(conninfo);
    }
    trace_step("connected");
    context = context_for(connection->server_version(), options);
    with_catalog_errors(conninfo, [&] {
        std::optional<ReadTransaction> tx;
        tx.emplace(*connection, "driftless-catalog");
        prepare_read(*tx);
        std::string snapshot;
        if (may_run_parallel &&
            tx->exec1("SELECT pg_catalog.pg_relation_size('pg_catalog.pg_class') / 8192")[0]
                    .as<long>() >= parallel_threshold_pages) {
            try {
                snapshot = tx->exec1("SELECT pg_catalog.pg_export_snapshot()")[0].as<std::string>();
            } catch (const pqxx::sql_error&) {
                // A server (or pooler) that cannot export snapshots: read on this connection
                // alone, in a transaction of its own (the failed one is aborted).
                tx.reset();
                tx.emplace(*connection, "driftless-catalog");
                prepare_read(*tx);
            }
        }
        if (workers) workers->release(snapshot);
        trace_step("snapshot exported");
        // Group 0 runs here; the others on the workers' connections when the snapshot can be
        // shared, else (or where a worker could not connect) after it on this one.
        std::exception_ptr failure;
        try {
            run_group(*tx, context, groups[0], parts[0]);
        } catch (...) {
            failure = std::current_exception();
        }
        std::vector<char> unread(groups.size(), 1);
        if (workers) unread = workers->join();
        trace_step("groups joined");
        if (failure) std::rethrow_exception(failure);
        report.connections = 1;
        for (std::size_t g = 1; g < groups.size(); ++g) {
            if (unread[g])
                run_group(*tx, context, groups[g], parts[g]);
            else
                ++report.connections;
        }
        tx->commit();
        trace_step("committed");
    });
    if (options.keep_connections) {
        report.open_connections.push_back(std::move(connection));
        if (workers) {
            for (auto& open : workers->take_connections())
                report.open_connections.push_back(std::move(open));
        }
    }
    auto schema = assemble(parts, options);
    trace_step("assembled");
    return schema;
}

}  // namespace driftless::catalog
