#pragma once
// Shared by the bench programs: timing statistics, a temporary directory the postgres user
// can reach, and running commands that must succeed.
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/process.hpp"

namespace driftless::bench {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Stats {
    double best = 0;
    double median = 0;
};

inline Stats stats(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    std::size_t mid = samples.size() / 2;
    double median = samples.size() % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
    return {samples.front(), median};
}

// Removes the temporary tree on every way out, Ctrl-C included: the interrupt cleanup runs
// newest first, so servers and databases registered later are gone before this runs.
class BenchDir {
  public:
    explicit BenchDir(const std::string& prefix) {
        std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (!::mkdtemp(pattern.data())) throw FailureError("cannot create a temporary directory");
        path_ = pattern;
        // mkdtemp makes it 0700; the postgres user (the server runs as it under root) must
        // reach the cache below it.
        fs::permissions(path_, fs::perms(0755));
        on_interrupt_ = CleanupRegistration([this] { remove(); });
    }
    BenchDir(const BenchDir&) = delete;
    BenchDir& operator=(const BenchDir&) = delete;
    ~BenchDir() { remove(); }
    const fs::path& path() const { return path_; }

  private:
    void remove() noexcept {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    fs::path path_;
    CleanupRegistration on_interrupt_;
};

// A cache of the embedded server's own inside the bench directory, so the figures never
// depend on (nor disturb) a user's cache; the postgres user must reach it when run as root.
inline fs::path use_private_cache(const BenchDir& work) {
    fs::path cache = work.path() / "cache";
    fs::create_directory(cache);
    fs::permissions(cache, fs::perms(0755));
    ::setenv("DRIFTLESS_CACHE", cache.c_str(), 1);
    return cache;
}

inline void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) throw FailureError(fmt::format("cannot write {}", path.string()));
}

inline ProcessResult run_checked(const std::vector<std::string>& argv) {
    ProcessResult result = run_process(argv);
    if (result.exit_code != 0) {
        throw FailureError(fmt::format("{} exited with {}:\n{}", describe_command(argv),
                                       result.exit_code, result.output));
    }
    return result;
}

}  // namespace driftless::bench
