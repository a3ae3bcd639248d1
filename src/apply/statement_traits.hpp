#pragma once
// What the engine needs to know about a migration statement before running it, read from
// its parse tree once, when the file is read.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace driftless::apply {

// CREATE INDEX CONCURRENTLY: a failed or killed build leaves an INVALID index of that name,
// which blocks the next attempt; the engine drops such a leftover before building again.
struct ConcurrentIndex {
    std::string table;  // as written, quoted where needed: resolved by the server's search_path
    std::string index;  // the index name, unquoted
};

struct StatementTraits {
    // Index builds, REINDEX, VALIDATE CONSTRAINT, REFRESH MATERIALIZED VIEW, CLUSTER, VACUUM:
    // statements whose run time grows with the data, given their own statement_timeout.
    bool long_running = false;
    std::optional<ConcurrentIndex> concurrent_index;
};

// `statement` is one element of libpg_query's "stmts" array ({"stmt": {Kind: {...}}, ...}).
StatementTraits statement_traits(const nlohmann::json& statement);

}  // namespace driftless::apply
