#pragma once
// Cleanup on SIGINT, SIGTERM and SIGHUP. Long-lived resources (embedded servers, scratch
// databases) register a cleanup action; when one of those signals arrives, a dedicated
// thread runs every registered action, newest first, then the process ends with 128 + signal.
// Doing this on a thread rather than in a signal handler lets cleanups be ordinary C++.
#include <functional>

namespace driftless {

// Blocks the signals in the calling thread (and every thread created after it) and starts
// the watcher thread. Call once, first thing in main(). Later calls do nothing.
void install_interrupt_cleanup();

// True once a watched signal arrived. Work the cleanups cut short (a cancelled statement)
// fails in the main thread; that failure is the interrupt, not an error of its own.
bool interrupted();
// Waits for the watcher thread to end the process with 128 + signal.
[[noreturn]] void wait_for_interrupt_exit();

// Registers an action; the returned guard unregisters it when destroyed (normal exit).
class CleanupRegistration {
  public:
    CleanupRegistration() = default;
    explicit CleanupRegistration(std::function<void()> action);
    CleanupRegistration(CleanupRegistration&& other) noexcept;
    CleanupRegistration& operator=(CleanupRegistration&& other) noexcept;
    CleanupRegistration(const CleanupRegistration&) = delete;
    CleanupRegistration& operator=(const CleanupRegistration&) = delete;
    ~CleanupRegistration();

  private:
    long id_ = 0;
};

}  // namespace driftless
