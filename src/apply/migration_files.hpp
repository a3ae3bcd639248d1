#pragma once
// Reading a migrations directory: dbmate-style files with `-- migrate:up` / `-- migrate:down`
// sections, and golang-migrate-style `.up.sql` / `.down.sql` pairs (with ory/pop's
// `.postgres.` dialect and `.autocommit.` parts), so an existing folder runs as it is. Statements are split by libpg_query (dollar quotes, BEGIN ATOMIC bodies).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apply/statement_traits.hpp"

namespace driftless::apply {

struct SectionStatement {
    std::string text;  // first token to the end, without the trailing semicolon
    int line = 0;      // 1-based position of the first token in its file
    int column = 0;
    StatementTraits traits;
};

struct Section {
    std::string text;  // exact bytes between the section marker and the next one (or the end)
    bool transactional = true;  // false after `transaction:false`: run statement by statement
    int first_line = 1;         // line of the file where `text` begins
    std::vector<SectionStatement> statements;
};

struct Migration {
    std::string version;            // the leading digits of the file name, as written
    std::string name;               // what follows `<version>_`, without the suffixes
    std::filesystem::path up_path;  // the dbmate file, or the golang-migrate .up.sql file
    // The .down.sql file of a pair. A pair without one has an empty down section, as in
    // golang-migrate and ory/pop: reverting it runs nothing.
    std::optional<std::filesystem::path> down_path;
    Section up;
    std::optional<Section> down;
    // Lowercase hex SHA-256 of the file bytes; for a pair, of the up bytes then the down bytes.
    std::string checksum;

    std::string file_name() const { return up_path.filename().string(); }
};

struct MigrationSet {
    std::filesystem::path directory;
    std::vector<Migration> migrations;  // in version order
};

// Reads every top-level *.sql file of dir. Throws InputError when dir is not a directory and
// parser::SourceErrors (exit 2) listing every problem of every file.
MigrationSet read_migrations(const std::filesystem::path& dir);

// Numeric order of digit strings without overflow: leading zeros ignored, then shorter is
// smaller, then byte order. Returns <0, 0 or >0.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace driftless::apply
