#include "util/file_tree.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstring>

#include <fstream>
#include <iterator>
#include <set>
#include <vector>

#include "util/error.hpp"
#include "util/in_halves.hpp"

namespace driftless {

namespace fs = std::filesystem;

namespace {

// Whether path already holds exactly content. One read asks for a byte more than content:
// a regular file returns less only at its end, so a longer file shows without a stat, and
// the path is looked up once (open) instead of twice (stat, then open).
bool holds(const fs::path& path, const std::string& content) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    thread_local std::string existing;
    existing.resize(content.size() + 1);
    ssize_t got = ::read(fd, existing.data(), existing.size());
    ::close(fd);
    return got == static_cast<ssize_t>(content.size()) &&
           std::memcmp(existing.data(), content.data(), content.size()) == 0;
}

}  // namespace

// With force, files are rewritten in place and only where their content changed, and only
// the .sql files that are no longer wanted are removed: a re-inspect leaves unchanged files
// (and their modification times) alone, and freeing then reallocating thousands of inodes
// made the file system's allocator the slowest part of `inspect --force` on 5,000 tables.
std::size_t write_file_tree(const fs::path& directory,
                            const std::map<std::string, std::string>& files, bool force) {
    std::error_code error;
    std::set<fs::path> stale;
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
            for (const auto& entry : fs::recursive_directory_iterator(directory)) {
                if (entry.is_regular_file() && entry.path().extension() == ".sql")
                    stale.insert(entry.path());
            }
        }
    }
    // Directories first, then the files' contents: compared (existing files) or written, on
    // two threads for large trees, since each file costs a few system calls.
    struct Work {
        fs::path path;
        const std::string* content;
        bool existed;
    };
    std::vector<Work> work;
    work.reserve(files.size());
    fs::path last_parent;
    for (const auto& [relative, content] : files) {
        fs::path path = directory / relative;
        bool existed = stale.erase(path) > 0;
        if (!existed && path.parent_path() != last_parent) {
            fs::create_directories(path.parent_path(), error);
            if (error)
                throw FailureError(fmt::format("cannot create {}: {}", path.parent_path().string(),
                                               error.message()));
            last_parent = path.parent_path();
        }
        work.push_back({std::move(path), &content, existed});
    }
    run_in_halves(work.size(), 500, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const Work& item = work[i];
            if (item.existed && holds(item.path, *item.content)) continue;
            std::ofstream out(item.path, std::ios::binary | std::ios::trunc);
            out << *item.content;
            if (!out) throw FailureError(fmt::format("cannot write {}", item.path.string()));
        }
    });
    for (const auto& path : stale) fs::remove(path, error);
    return files.size();
}

}  // namespace driftless
