#pragma once
// Runs the real driftless binary the way a user does, with its embedded server sharing the
// tests' cache, so its template is already there.
#include <string>
#include <vector>

#include "util/process.hpp"

namespace driftless::testing {

ProcessResult driftless_cli(std::vector<std::string> args);

}  // namespace driftless::testing
