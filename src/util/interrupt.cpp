#include "util/interrupt.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

namespace driftless {

namespace {

// Process-wide by nature: signals are delivered to the process, not to an object.
struct Registry {
    std::mutex mutex;
    std::map<long, std::function<void()>> actions;
    long next_id = 1;
    bool installed = false;
};

std::atomic<bool> interrupt_received{false};

Registry& registry() {
    static Registry instance;
    return instance;
}

sigset_t watched_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

[[noreturn]] void watch_signals() {
    sigset_t set = watched_signals();
    int sig = 0;
    while (sigwait(&set, &sig) != 0) {
    }
    interrupt_received = true;  // before the actions: one of them may cancel a statement
    std::map<long, std::function<void()>> actions;
    {
        std::lock_guard lock(registry().mutex);
        actions.swap(registry().actions);
    }
    for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
        try {
            it->second();
        } catch (...) {
            // Best effort: the process is ending anyway; the next run sweeps leftovers.
        }
    }
    std::_Exit(128 + sig);
}

}  // namespace

bool interrupted() {
    return interrupt_received;
}

void wait_for_interrupt_exit() {
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

void install_interrupt_cleanup() {
    std::lock_guard lock(registry().mutex);
    if (registry().installed) return;
    registry().installed = true;
    sigset_t set = watched_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread(watch_signals).detach();
}

CleanupRegistration::CleanupRegistration(std::function<void()> action) {
    std::lock_guard lock(registry().mutex);
    id_ = registry().next_id++;
    registry().actions.emplace(id_, std::move(action));
}

CleanupRegistration::CleanupRegistration(CleanupRegistration&& other) noexcept : id_(other.id_) {
    other.id_ = 0;
}

CleanupRegistration& CleanupRegistration::operator=(CleanupRegistration&& other) noexcept {
    if (this != &other) {
        this->~CleanupRegistration();
        id_ = other.id_;
        other.id_ = 0;
    }
    return *this;
}

CleanupRegistration::~CleanupRegistration() {
    if (id_ == 0) return;
    std::lock_guard lock(registry().mutex);
    registry().actions.erase(id_);
}

}  // namespace driftless
