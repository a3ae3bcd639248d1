#include "util/progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace driftless {

Progress::Progress(std::string label, std::size_t total, bool quiet)
    : label_(std::move(label)), total_(total), enabled_(!quiet && ::isatty(2) == 1) {}

Progress::~Progress() {
    if (drawn_) fmt::print(stderr, "\r\033[K");
}

void Progress::update(std::size_t done, const std::string& detail) {
    done_ = done;
    detail_ = detail;
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total_) return;
    last_ = now;
    drawn_ = true;
    fmt::print(stderr, "\r\033[K{} {}/{}{}{}", label_, done, total_, detail.empty() ? "" : " ",
               detail);
    std::fflush(stderr);
}

void Progress::print_line(const std::string& line) {
    if (drawn_) {
        fmt::print(stderr, "\r\033[K");
        std::fflush(stderr);
    }
    fmt::print("{}\n", line);
    std::fflush(stdout);
    if (drawn_) {
        drawn_ = false;
        update(done_, detail_);
    }
}

}  // namespace driftless
