#pragma once
// A program started in the background (typically the real `driftless` binary) so a test can
// signal or kill it at a moment of its choosing. Killed (SIGKILL) and reaped on destruction
// if it still runs, so a failing test leaves no process behind.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace driftless::testing {

// Polls condition every 20 ms; false when it did not hold within timeout.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

class ChildProcess {
  public:
    // extra_env entries ("NAME=value") replace or add to this process's environment; stdout
    // and stderr go to log. The child starts with default signal handling, like a process
    // run from a shell (the test binary blocks SIGINT/SIGTERM/SIGHUP for its own watcher).
    ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                 const std::filesystem::path& log);
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    pid_t pid() const { return pid_; }
    bool running();
    // The raw wait status, once the process has ended within the timeout.
    std::optional<int> wait(std::chrono::milliseconds timeout);

  private:
    void reap(int flags);

    pid_t pid_ = 0;
    std::optional<int> status_;
};

}  // namespace driftless::testing
