#pragma once
// The only place that calls libpg_query. Results are freed by RAII; positions are turned
// into byte offsets of the text that was parsed.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace driftless::parser {

struct SyntaxError {
    std::string message;
    std::optional<std::size_t> byte_offset;  // in the parsed text, when the parser knows it
};

struct ParseOutput {
    nlohmann::json
        tree;  // {"version":…, "stmts":[{"stmt":{Kind:{…}}, "stmt_location", "stmt_len"}]}
    std::optional<SyntaxError> error;
};

ParseOutput parse_sql(const std::string& text);

struct StatementRange {
    std::size_t offset;
    std::size_t length;
};

// Statement boundaries from the scanner alone: tolerant of syntax errors, used to resume
// after one. (It cannot see BEGIN ATOMIC bodies; only used on files that already failed.)
std::vector<StatementRange> split_with_scanner(const std::string& text);

}  // namespace driftless::parser
