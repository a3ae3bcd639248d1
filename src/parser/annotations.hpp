#pragma once
// `-- driftless:renamed-from old_name` comments. Each must sit right before a CREATE TABLE,
// a column or named constraint inside one, a CREATE INDEX or an ALTER TABLE … ADD CONSTRAINT
// (blank lines and other comments may come between); it is attached to that object so the
// diff can turn drop + add into a rename.
#include <vector>

#include "parser/diagnostic.hpp"
#include "parser/source_files.hpp"
#include "parser/statement.hpp"
#include "util/line_index.hpp"

namespace driftless::parser {

void attach_annotations(const SourceFile& source, const LineIndex& lines,
                        std::vector<Statement>& statements, std::vector<Diagnostic>& diagnostics);

}  // namespace driftless::parser
