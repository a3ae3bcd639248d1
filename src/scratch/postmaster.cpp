#include "scratch/postmaster.hpp"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

namespace driftless::scratch {

namespace {

// An exited postmaster is not our child, so it stays a zombie until init reaps it (which some
// container inits do slowly): a zombie counts as gone.
bool is_running(pid_t pid) {
    if (::kill(pid, 0) != 0) return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    auto paren = line.rfind(')');
    return paren == std::string::npos || paren + 2 >= line.size() || line[paren + 2] != 'Z';
}

// The pid in postmaster.pid, if that process is alive and really is a postgres server.
pid_t running_postmaster(const std::filesystem::path& data_dir) {
    std::ifstream pid_file(data_dir / "postmaster.pid");
    long pid = 0;
    if (!(pid_file >> pid) || pid <= 0) return 0;
    if (!is_running(static_cast<pid_t>(pid))) return 0;
    std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
    std::string command;
    std::getline(cmdline, command, '\0');
    if (command.find("postgres") == std::string::npos) return 0;  // pid reused by another program
    return static_cast<pid_t>(pid);
}

bool wait_until_gone(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (is_running(pid)) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace

bool stop_postmaster(const std::filesystem::path& data_dir,
                     std::chrono::milliseconds timeout) noexcept {
    try {
        pid_t pid = running_postmaster(data_dir);
        if (pid == 0) return false;
        ::kill(pid, SIGQUIT);
        if (!wait_until_gone(pid, timeout)) {
            ::kill(pid, SIGKILL);
            wait_until_gone(pid, timeout);
        }
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace driftless::scratch
