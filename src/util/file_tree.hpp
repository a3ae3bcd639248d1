#pragma once
// Writing a set of generated files (relative path → content) into a directory.
#include <filesystem>
#include <map>
#include <string>

namespace driftless {

// Refuses (InputError, nothing written) a directory that exists and is not empty unless
// force; with force, the .sql files already there are removed first, so objects that no
// longer exist do not linger. Returns the number of files written.
std::size_t write_file_tree(const std::filesystem::path& directory,
                            const std::map<std::string, std::string>& files, bool force);

}  // namespace driftless
