#pragma once
// Internal to migration_files.cpp: turning one file's text into sections and statements.
#include <string>
#include <vector>

#include "apply/migration_files.hpp"
#include "parser/diagnostic.hpp"

namespace driftless::apply {

struct DbmateSections {
    std::optional<Section> up;
    std::optional<Section> down;
};

// Splits a dbmate file at its `-- migrate:up` / `-- migrate:down` lines. Problems are
// appended to diagnostics (positions in file_text, reported under display_path).
DbmateSections parse_dbmate_file(const std::string& display_path, const std::string& file_text,
                                 std::vector<parser::Diagnostic>& diagnostics);

// A golang-migrate file: the whole text is one transactional section.
Section parse_whole_file(const std::string& display_path, const std::string& file_text,
                         std::vector<parser::Diagnostic>& diagnostics);

}  // namespace driftless::apply
