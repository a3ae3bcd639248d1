#pragma once
// Generated schemas for scale tests and benchmarks: N tables, each with a primary key, a few
// columns, an index and foreign keys to earlier tables, written in a shuffled (or reverse)
// order so loading them depends on dependency ordering, never on file order.
#include <cstdint>
#include <string>
#include <vector>

namespace driftless::testing {

struct SyntheticOptions {
    int tables = 1000;
    int foreign_keys_per_table = 2;
    std::uint32_t seed = 42;
};

// One CREATE TABLE (with inline FKs) and one CREATE INDEX per table, in dependency order.
std::vector<std::string> synthetic_statements(const SyntheticOptions& options);
// The same statements shuffled deterministically by the seed.
std::vector<std::string> shuffled(std::vector<std::string> statements, std::uint32_t seed);
// Joins statements into one SQL script.
std::string as_script(const std::vector<std::string>& statements);

}  // namespace driftless::testing
