#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "util/interrupt.hpp"

int main(int argc, char** argv) {
    // Ctrl-C or a ctest timeout (SIGTERM) must still stop the test servers.
    driftless::install_interrupt_cleanup();
    return Catch::Session().run(argc, argv);
}
