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
    void update(std::size_t done);

  private:
    std::string label_;
    std::size_t total_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace driftless
