#pragma once
// Turns schema files into statements: split and parsed by libpg_query, classified (refusing
// what does not belong in a schema file), annotated with renamed-from comments.
#include <vector>

#include "parser/diagnostic.hpp"
#include "parser/source_files.hpp"
#include "parser/statement.hpp"

namespace driftless::parser {

struct ParsedFile {
    std::vector<Statement> statements;    // definitions only, in file order
    std::vector<Diagnostic> diagnostics;  // syntax errors, refusals, bad annotations
    int ignored_session_settings = 0;
};

ParsedFile parse_file(const SourceFile& source);

// Parses every file; throws SourceErrors with the diagnostics of all files when any has one.
std::vector<Statement> parse_sources(const std::vector<SourceFile>& sources);

}  // namespace driftless::parser
