#pragma once
// One SQL statement of a schema file, with where it came from and its parse tree.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace driftless::parser {

struct Statement {
    std::string file;        // display path of the source file
    std::size_t offset = 0;  // byte offset of the first token in the file
    int line = 0;            // 1-based position of the first token
    int column = 0;
    std::string text;       // exact text, first token to the end (no trailing semicolon)
    std::string node_type;  // libpg_query node name: "CreateStmt", "IndexStmt", …
    nlohmann::json node;    // the node's fields; locations are byte offsets in the file
    int load_tier = 0;      // coarse kind order used to break ties when loading

    // From `-- driftless:renamed-from old_name` annotations.
    std::optional<std::string> renamed_from;  // CREATE TABLE / CREATE INDEX: its object
    std::map<std::string, std::string> column_renamed_from;      // column name → old name
    std::map<std::string, std::string> constraint_renamed_from;  // constraint name → old name

    std::string location() const;  // "file:line:col"
};

}  // namespace driftless::parser
