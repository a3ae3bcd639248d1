// Times the embedded server: a cold start (initdb into an empty cache), warm starts (template
// cached), creating a scratch database, and stopping. Prints milliseconds.
#include <unistd.h>

#include <fmt/format.h>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "scratch/embedded_server.hpp"
#include "scratch/scratch_database.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
    int warm_runs = argc > 1 ? std::atoi(argv[1]) : 5;
    fs::path root =
        fs::temp_directory_path() / fmt::format("driftless-bench-{}", ::getpid()) / "pg15";
    auto start = Clock::now();
    {
        driftless::scratch::EmbeddedServer server({root});
        auto t = server.timings();
        fmt::print(
            "cold start (initdb + copy + start): {:8.1f} ms  [initdb {:.1f}, copy {:.1f}, start "
            "{:.1f}]\n",
            ms_since(start), t.template_ms, t.copy_ms, t.start_ms);
        auto stop = Clock::now();
        server.stop();
        fmt::print("stop:                               {:8.1f} ms\n", ms_since(stop));
    }
    double total = 0;
    for (int i = 0; i < warm_runs; ++i) {
        auto t0 = Clock::now();
        driftless::scratch::ScratchServer scratch({"", {root}});
        scratch.start();
        double started = ms_since(t0);
        auto t1 = Clock::now();
        { auto db = scratch.create_database(); }
        double database = ms_since(t1);
        total += started;
        fmt::print("warm start #{}: {:8.1f} ms   create+drop database: {:6.1f} ms\n", i + 1,
                   started, database);
    }
    fmt::print("warm start mean:                    {:8.1f} ms\n", total / warm_runs);
    fs::remove_all(root.parent_path());
}
