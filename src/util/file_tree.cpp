#include "util/file_tree.hpp"

#include <fmt/format.h>

#include <fstream>
#include <vector>

#include "util/error.hpp"

namespace driftless {

namespace fs = std::filesystem;

std::size_t write_file_tree(const fs::path& directory,
                            const std::map<std::string, std::string>& files, bool force) {
    std::error_code error;
    if (fs::exists(directory, error)) {
        if (!fs::is_directory(directory, error)) {
            throw InputError(fmt::format("{}: exists and is not a directory", directory.string()));
        }
        if (!fs::is_empty(directory, error)) {
            if (!force) {
                throw InputError(fmt::format(
                    "{}: directory is not empty (use --force to replace its .sql files)",
                    directory.string()));
            }
            std::vector<fs::path> stale;
            for (const auto& entry : fs::recursive_directory_iterator(directory)) {
                if (entry.is_regular_file() && entry.path().extension() == ".sql")
                    stale.push_back(entry.path());
            }
            for (const auto& path : stale) fs::remove(path);
        }
    }
    for (const auto& [relative, content] : files) {
        fs::path path = directory / relative;
        fs::create_directories(path.parent_path(), error);
        if (error)
            throw FailureError(
                fmt::format("cannot create {}: {}", path.parent_path().string(), error.message()));
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out) throw FailureError(fmt::format("cannot write {}", path.string()));
    }
    return files.size();
}

}  // namespace driftless
