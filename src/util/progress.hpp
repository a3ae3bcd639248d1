#pragma once
// A one-line progress counter on stderr for long work. Silent when stderr is not a terminal
// or when quiet; redraws at most ten times a second.
#include <chrono>
#include <string>

namespace driftless {

class Progress {
  public:
    Progress(std::string label, std::size_t total, bool quiet);
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    ~Progress();
    // `detail` (for example the file being worked on) follows the counter.
    void update(std::size_t done, const std::string& detail = {});
    // Prints a line of output on stdout without tearing the counter: it is cleared first and
    // drawn again below the line.
    void print_line(const std::string& line);

  private:
    std::string label_;
    std::size_t total_;
    bool enabled_;
    bool drawn_ = false;
    std::size_t done_ = 0;
    std::string detail_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace driftless
