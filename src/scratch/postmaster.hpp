#pragma once
// Stopping a postmaster we did not start as a child (pg_ctl daemonizes it), found through
// the postmaster.pid file of its data directory.
#include <chrono>
#include <filesystem>

namespace driftless::scratch {

// Sends an immediate shutdown (SIGQUIT) to the postmaster of data_dir, if one is running,
// and waits until it is gone (SIGKILL after the timeout). A throwaway server needs no
// checkpoint. Returns true when a running server was stopped.
bool stop_postmaster(const std::filesystem::path& data_dir,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) noexcept;

}  // namespace driftless::scratch
