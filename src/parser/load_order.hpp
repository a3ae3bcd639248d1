#pragma once
// The order in which schema statements can be loaded, whatever order the files use:
// a dependency graph from the parse trees, sorted topologically. Among statements that are
// ready, the coarse kind order (schemas, extensions, types, functions, tables, views, the
// rest, then comments and grants) and then file order decide, so the result is stable.
// Dependencies the trees cannot show (function bodies) are left to the loader's retries;
// cycles are broken at the earliest statement, for the same reason.
#include <cstddef>
#include <vector>

#include "parser/statement.hpp"

namespace driftless::parser {

std::vector<std::size_t> load_order(const std::vector<Statement>& statements);

}  // namespace driftless::parser
