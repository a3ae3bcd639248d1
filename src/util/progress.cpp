#include "util/progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace driftless {

Progress::Progress(std::string label, std::size_t total, bool quiet)
    : label_(std::move(label)), total_(total), enabled_(!quiet && ::isatty(2) == 1) {}

Progress::~Progress() {
    if (drawn_) fmt::print(stderr, "\r\033[K");
}

void Progress::update(std::size_t done) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total_) return;
    last_ = now;
    drawn_ = true;
    fmt::print(stderr, "\r\033[K{} {}/{}", label_, done, total_);
    std::fflush(stderr);
}

}  // namespace driftless
