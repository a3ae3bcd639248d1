#pragma once
// Runs external programs (initdb, pg_ctl, psql, pg_dump) without a shell, so no argument is
// ever re-interpreted, and captures what they print for error messages.
#include <string>
#include <vector>

namespace driftless {

struct ProcessResult {
    int exit_code = -1;  // 128 + signal number when killed by a signal
    std::string output;  // stdout and stderr, interleaved
};

// Runs argv[0] (looked up in PATH when it has no slash) and waits for it.
// Throws FailureError when the program cannot be started at all.
ProcessResult run_process(const std::vector<std::string>& argv);

// Like run_process, but throws FailureError with the output when the exit code is not 0.
std::string run_process_checked(const std::vector<std::string>& argv);

// Quotes a command line for messages (never executed through a shell).
std::string describe_command(const std::vector<std::string>& argv);

}  // namespace driftless
