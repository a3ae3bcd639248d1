#pragma once
// Errors that end an operation. Each carries the process exit code the CLI reports,
// following the contract: 2 bad input or usage (nothing touched), 3 database or I/O failure.
#include <stdexcept>
#include <string>

namespace driftless {

enum class ExitCode : int { ok = 0, differences = 1, bad_input = 2, failure = 3 };

class Error : public std::runtime_error {
  public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ExitCode code() const noexcept { return code_; }

  private:
    ExitCode code_;
};

// Bad input from the user: a file, a flag, a configuration value. Exit code 2.
class InputError : public Error {
  public:
    explicit InputError(const std::string& message) : Error(ExitCode::bad_input, message) {}
};

// The database, the server or the file system failed us. Exit code 3.
class FailureError : public Error {
  public:
    explicit FailureError(const std::string& message) : Error(ExitCode::failure, message) {}
};

}  // namespace driftless
