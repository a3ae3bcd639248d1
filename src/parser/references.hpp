#pragma once
// What a statement creates and which names it uses, read from its parse tree. Names are
// what the parser saw: schema may be empty (resolved through search_path at load time).
#include <string>
#include <vector>

#include "parser/statement.hpp"

namespace driftless::parser {

enum class NameSpace { relation, function, schema };  // relations share pg_type's namespace

struct ObjectName {
    NameSpace space = NameSpace::relation;
    std::string schema;  // empty when unqualified
    std::string name;
    auto operator<=>(const ObjectName&) const = default;
};

struct StatementReferences {
    std::vector<ObjectName> creates;  // objects this statement defines
    std::vector<ObjectName> extends;  // tables it completes (columns, keys) for later readers
    std::vector<ObjectName>
        targets;  // objects it alters or attaches to (ALTER, INDEX ON, COMMENT ON)
    std::vector<ObjectName>
        reads;  // other names it uses (FK targets, types, functions, views' sources)
};

StatementReferences find_references(const Statement& statement);

}  // namespace driftless::parser
