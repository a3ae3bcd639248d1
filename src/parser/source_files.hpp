#pragma once
// Reading the schema path: one .sql file, or every *.sql under a directory, recursively,
// in a deterministic order (byte order of the relative path).
#include <filesystem>
#include <string>
#include <vector>

namespace driftless::parser {

struct SourceFile {
    std::string display_path;  // as given on the command line, joined with the relative path
    std::string text;
};

SourceFile read_source_file(const std::filesystem::path& path);
// Throws InputError when the path does not exist or holds no .sql file.
std::vector<SourceFile> read_schema_sources(const std::filesystem::path& path);

}  // namespace driftless::parser
