#include "parser/source_files.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "util/error.hpp"

namespace driftless::parser {

namespace fs = std::filesystem;

SourceFile read_source_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot read file", path.string()));
    std::stringstream text;
    text << in.rdbuf();
    return {path.string(), text.str()};
}

std::vector<SourceFile> read_schema_sources(const fs::path& path) {
    std::error_code error;
    auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        throw InputError(fmt::format("{}: no such file or directory", path.string()));
    }
    if (!fs::is_directory(status)) return {read_source_file(path)};

    std::vector<fs::path> files;
    auto options = fs::directory_options::follow_directory_symlink;
    for (auto it = fs::recursive_directory_iterator(path, options, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && it->path().extension() == ".sql") files.push_back(it->path());
    }
    if (error) throw InputError(fmt::format("{}: {}", path.string(), error.message()));
    if (files.empty()) throw InputError(fmt::format("{}: no .sql files found", path.string()));
    std::sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
        return a.lexically_relative(path).generic_string() <
               b.lexically_relative(path).generic_string();
    });
    std::vector<SourceFile> sources;
    sources.reserve(files.size());
    for (const auto& file : files) sources.push_back(read_source_file(file));
    return sources;
}

}  // namespace driftless::parser
