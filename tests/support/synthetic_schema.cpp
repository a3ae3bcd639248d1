#include "support/synthetic_schema.hpp"

#include <algorithm>
#include <random>

#include <fmt/format.h>

namespace driftless::testing {

std::vector<std::string> synthetic_statements(const SyntheticOptions& options) {
    std::mt19937 random(options.seed);
    std::vector<std::string> statements;
    statements.push_back("CREATE SCHEMA synth");
    statements.push_back("CREATE TYPE synth.state AS ENUM ('new', 'active', 'archived')");
    for (int t = 0; t < options.tables; ++t) {
        std::string columns = fmt::format(
            "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            "  name text NOT NULL,\n"
            "  state synth.state NOT NULL DEFAULT 'new',\n"
            "  created_at timestamptz NOT NULL DEFAULT now(),\n"
            "  amount numeric(12,2) CHECK (amount >= 0)");
        for (int f = 0; f < options.foreign_keys_per_table && t > 0; ++f) {
            int target = static_cast<int>(random() % static_cast<unsigned>(t));
            columns += fmt::format(
                ",\n  ref_{} bigint REFERENCES synth.t{:05}(id) ON DELETE CASCADE", f, target);
        }
        statements.push_back(fmt::format("CREATE TABLE synth.t{:05} (\n{}\n)", t, columns));
        statements.push_back(
            fmt::format("CREATE INDEX t{0:05}_name_idx ON synth.t{0:05} (name)", t));
    }
    return statements;
}

std::vector<std::string> shuffled(std::vector<std::string> statements, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::shuffle(statements.begin(), statements.end(), random);
    return statements;
}

std::string as_script(const std::vector<std::string>& statements) {
    std::string script;
    for (const auto& statement : statements) script += statement + ";\n\n";
    return script;
}

}  // namespace driftless::testing
