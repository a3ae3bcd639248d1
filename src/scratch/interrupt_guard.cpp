#include "scratch/interrupt_guard.hpp"

#include <atomic>
#include <chrono>
#include <thread>

namespace driftless::scratch::detail {

namespace {
std::atomic<bool> interrupted{false};
}  // namespace

void begin_interrupt_cleanup() noexcept {
    interrupted.store(true);
}

void wait_if_interrupted() noexcept {
    // Interrupt actions only ever run on the watcher thread, which ends with _Exit: this never
    // returns once the flag is set.
    while (interrupted.load()) std::this_thread::sleep_for(std::chrono::seconds(1));
}

}  // namespace driftless::scratch::detail
