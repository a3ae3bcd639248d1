// Times catalog introspection: `driftless inspect` (whole command: connect, read every kind,
// write the files) on generated databases of 1,000 and 5,000 tables, next to
// `pg_dump --schema-only` of the same database, with peak memory of each process.
// Targets (issue 4): at most half of pg_dump's time, under 300 MB for 5,000 tables.
#include <cstdlib>

#include "bench_support.hpp"
#include "catalog/read_schema.hpp"
#include "db/session.hpp"
#include "scratch/scratch_database.hpp"
#include "support/synthetic_schema.hpp"

using namespace driftless;
using namespace driftless::bench;

namespace {

constexpr int runs = 5;

struct Measure {
    Stats time;
    long max_rss_kb = 0;
};

// Peak memory comes from GNU time: a child spawned straight from this process starts with
// this process's own high-water mark (Linux carries it across vfork + exec), while time's
// forked child starts from time's few megabytes. Its "%M" line is the last of the output.
Measure measure(std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"/usr/bin/time", "-f", "%M"});
    std::vector<double> samples;
    long rss = 0;
    for (int i = 0; i < runs; ++i) {
        auto t0 = Clock::now();
        ProcessResult result = run_checked(argv);
        samples.push_back(ms_since(t0));
        auto last_line = result.output.find_last_of('\n', result.output.size() - 2);
        rss = std::max(rss, std::atol(result.output.c_str() +
                                      (last_line == std::string::npos ? 0 : last_line + 1)));
    }
    return {stats(samples), rss};
}

void bench_size(scratch::ScratchServer& server, const fs::path& work, int tables) {
    auto database = server.create_database();
    {
        // In batches: one transaction creating 5,000 tables runs out of lock slots.
        db::Session session(database->conninfo());
        auto statements = testing::synthetic_statements({.tables = tables});
        for (std::size_t i = 0; i < statements.size(); i += 500) {
            auto end = std::min(statements.size(), i + 500);
            session.execute(testing::as_script({statements.begin() + static_cast<long>(i),
                                                statements.begin() + static_cast<long>(end)}));
        }
    }
    // The catalog read alone, in this process: what `diff` and `generate` will pay.
    std::vector<double> read_samples;
    std::size_t read_tables = 0;
    for (int i = 0; i < runs; ++i) {
        auto t0 = Clock::now();
        read_tables = catalog::read_schema(database->conninfo()).tables.size();
        read_samples.push_back(ms_since(t0));
    }
    if (read_tables != static_cast<std::size_t>(tables)) {
        throw FailureError(fmt::format("read {} tables, expected {}", read_tables, tables));
    }
    Stats read = stats(read_samples);
    fs::path out = work / fmt::format("inspect-{}", tables);
    Measure inspect = measure({DRIFTLESS_BINARY, "inspect", "--url", database->conninfo(), "--out",
                               out.string(), "--force", "-q"});
    Measure dump =
        measure({"pg_dump", "--schema-only", "-d", database->conninfo(), "-f", "/dev/null"});
    fmt::print("{:>6} tables  {:<30} {:>9.1f} {:>9.1f}\n", tables, "catalog read (library)",
               read.best, read.median);
    fmt::print("{:>6}         {:<30} {:>9.1f} {:>9.1f} {:>9.1f} MB\n", "",
               "driftless inspect (+ files)", inspect.time.best, inspect.time.median,
               inspect.max_rss_kb / 1024.0);
    fmt::print("{:>6}         {:<30} {:>9.1f} {:>9.1f} {:>9.1f} MB\n", "", "pg_dump --schema-only",
               dump.time.best, dump.time.median, dump.max_rss_kb / 1024.0);
    fmt::print("{:>6}         {:<30} {:>9.2f}x read, {:.2f}x inspect (target <= 0.50x)\n", "",
               "ratio to pg_dump (median)", read.median / dump.time.median,
               inspect.time.median / dump.time.median);
}

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_cleanup();
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty()) sizes = {1000, 5000};
    try {
        BenchDir work("driftless-bench-inspect");
        use_private_cache(work);
        scratch::ScratchServer server;
        server.start();
        fmt::print("{:>6}         {:<30} {:>9} {:>9} {:>12}\n", "", "", "best ms", "median ms",
                   "peak memory");
        for (int tables : sizes) bench_size(server, work.path(), tables);
        return 0;
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_inspect: {}\n", error.what());
        return 3;
    }
}
