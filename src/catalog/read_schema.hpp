#pragma once
// Reads a whole database schema into the model: every kind reader in one repeatable-read,
// read-only transaction (one consistent snapshot), children attached to their tables,
// exclusions applied.
#include <memory>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "model/schema.hpp"

namespace driftless::catalog {

struct ReadOptions {
    std::vector<std::string> schemas;           // --schema: only these (empty: all user schemas)
    std::vector<std::string> exclude_patterns;  // --exclude: glob on "schema.name" or "name"
    std::string tracking_table = "public.schema_migrations";  // never part of the model
    bool privileges = false;  // keep ACLs; off, they are cleared so only the schema compares
    // Read the dependency edges (the heaviest query): the diff orders by them; inspect,
    // which writes files in a fixed layout the loader orders itself, does not need them.
    bool dependencies = true;
    // On large databases, read the kinds in groups over several connections sharing one
    // exported snapshot (also off with DRIFTLESS_CATALOG_SERIAL set in the environment).
    bool parallel = true;
    // Hand the connections over in the ReadReport instead of closing them: a backend that
    // has read a large catalog takes milliseconds of the server's CPU to exit, which would
    // otherwise run beside what the caller does next (inspect: rendering and writing files).
    bool keep_connections = false;
};

// How a read went, for traces and tests.
struct ReadReport {
    int connections = 0;  // that read reader groups: 1 serial, more in parallel
    // With ReadOptions::keep_connections: closed when the report is destroyed.
    std::vector<std::unique_ptr<pqxx::connection>> open_connections;
};

// Connects to conninfo and reads. Connection failures are FailureError (exit 3) naming the
// server without its password.
model::Schema read_schema(const std::string& conninfo, const ReadOptions& options = {});
model::Schema read_schema(const std::string& conninfo, const ReadOptions& options,
                          ReadReport& report);

// Reads on a transaction the caller holds, serially: what that transaction sees, including
// its own uncommitted changes (the renames of a plan, read before they are rolled back).
model::Schema read_schema_in(pqxx::transaction_base& tx, int server_version,
                             const ReadOptions& options = {});

// Whether a glob pattern (`*`, `?`) matches text.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace driftless::catalog
