#pragma once
// Writing a set of generated files (relative path → content) into a directory.
#include <filesystem>
#include <map>
#include <string>

namespace driftless {

// Refuses (InputError, nothing written) a directory that exists and is not empty unless
// force; with force, the .sql files that are not among files are removed, so objects that no
// longer exist do not linger, and files whose content is unchanged are not touched. Returns
// the number of files in the tree.
std::size_t write_file_tree(const std::filesystem::path& directory,
                            const std::map<std::string, std::string>& files, bool force);

}  // namespace driftless
