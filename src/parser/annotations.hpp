#pragma once
// `-- driftless:renamed-from old_name` comments. Each must sit right before a CREATE TABLE
// or a column definition inside one (blank lines and other comments may come between);
// it is attached to that table or column so the diff can turn drop + add into a rename.
#include <vector>

#include "parser/diagnostic.hpp"
#include "parser/source_files.hpp"
#include "parser/statement.hpp"
#include "util/line_index.hpp"

namespace driftless::parser {

void attach_annotations(const SourceFile& source, const LineIndex& lines,
                        std::vector<Statement>& statements, std::vector<Diagnostic>& diagnostics);

}  // namespace driftless::parser
