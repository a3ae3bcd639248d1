#include "support/cli.hpp"

#include <cstdlib>

#include "support/test_server.hpp"

namespace driftless::testing {

ProcessResult driftless_cli(std::vector<std::string> args) {
    ::setenv("DRIFTLESS_CACHE", test_cache_root().parent_path().c_str(), 1);
    args.insert(args.begin(), DRIFTLESS_BINARY);
    return run_process(args);
}

}  // namespace driftless::testing
