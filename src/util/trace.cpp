#include "util/trace.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace driftless {

bool tracing() {
    static const bool trace = std::getenv("DRIFTLESS_TRACE_CATALOG") != nullptr;
    return trace;
}

double ms_since_first_trace() {
    static const auto first = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - first)
        .count();
}

void trace_step(const char* what) {
    if (tracing())
        fmt::print(stderr, "catalog: {:<18} {:>8} at {:7.1f} ms\n", what, "",
                   ms_since_first_trace());
}

}  // namespace driftless
