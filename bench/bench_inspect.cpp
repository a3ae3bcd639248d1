// Times catalog introspection: `driftless inspect` (whole command: connect, read every kind,
// write the files) on generated databases of 1,000 and 5,000 tables, next to
// `pg_dump --schema-only` of the same database, with peak memory of each process.
// Targets (issue 4): at most half of pg_dump's time, under 300 MB for 5,000 tables.
#include <chrono>
#include <cstdlib>
#include <thread>

#include "bench_support.hpp"
#include "catalog/read_schema.hpp"
#include "db/session.hpp"
#include "scratch/scratch_database.hpp"
#include "support/synthetic_schema.hpp"
#include "util/heap_tuning.hpp"

using namespace driftless;
using namespace driftless::bench;

namespace {

// The server's own pg_dump, not Debian's /usr/bin/pg_dump: that one is a Perl wrapper
// (pg_wrapper) that costs some 50 ms before pg_dump itself starts.
const std::string pg_dump = std::string(DRIFTLESS_PG_BINDIR) + "/pg_dump";

struct Measure {
    std::vector<double> samples;
    long max_rss_kb = 0;
};

// One run of a command under GNU time, adding its time and peak memory to into. Peak memory
// comes from time: a child spawned straight from this process starts with this process's own
// high-water mark (Linux carries it across vfork + exec), while time's forked child starts
// from time's few megabytes. Its "%M" line is the last of the output.
void measure_once(std::vector<std::string> argv, Measure& into) {
    argv.insert(argv.begin(), {"/usr/bin/time", "-f", "%M"});
    auto t0 = Clock::now();
    ProcessResult result = run_checked(argv);
    into.samples.push_back(ms_since(t0));
    auto last_line = result.output.find_last_of('\n', result.output.size() - 2);
    into.max_rss_kb = std::max(
        into.max_rss_kb,
        std::atol(result.output.c_str() + (last_line == std::string::npos ? 0 : last_line + 1)));
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
        // Loading leaves dead row versions in the catalogs (each new index or constraint
        // updates its table's pg_class row), which a live database's autovacuum has long
        // removed; left there, autovacuum could start on them in the middle of a measure.
        session.execute("VACUUM ANALYZE");
        session.execute("CHECKPOINT");
    }
    fs::path out = work / fmt::format("inspect-{}", tables);
    // Three measures take turns: the catalog read alone, in this process (what `diff` and
    // `generate` pay), the whole `inspect` command, and pg_dump. Each ratio is the median of
    // the runs' own ratios: this VM's speed drifts by a third between runs seconds apart,
    // which skewed comparing five runs of one command with five of the other, made later.
    std::vector<double> read_samples, read_ratios, inspect_ratios;
    Measure inspect, dump;
    // Each measure starts on a settled server: the backends of the one before end after
    // their client has gone, and their exit would otherwise run during the next one.
    auto settle = [] { std::this_thread::sleep_for(std::chrono::milliseconds(150)); };
    auto round = [&] {
        settle();
        auto t0 = Clock::now();
        std::size_t read_tables = catalog::read_schema(database->conninfo()).tables.size();
        read_samples.push_back(ms_since(t0));
        if (read_tables != static_cast<std::size_t>(tables)) {
            throw FailureError(fmt::format("read {} tables, expected {}", read_tables, tables));
        }
        settle();
        measure_once({DRIFTLESS_BINARY, "inspect", "--url", database->conninfo(), "--out",
                      out.string(), "--force", "-q"},
                     inspect);
        settle();
        measure_once({pg_dump, "--schema-only", "-d", database->conninfo(), "-f", "/dev/null"},
                     dump);
    };
    // A first round that is not counted: right after loading, the first runs of both tools
    // were up to a third slower than the later ones.
    round();
    read_samples.clear();
    inspect.samples.clear();
    dump.samples.clear();
    // More runs where they are short: the median of nine is steadier than of five.
    const int runs = tables <= 1000 ? 9 : 5;
    for (int i = 0; i < runs; ++i) {
        round();
        read_ratios.push_back(read_samples.back() / dump.samples.back());
        inspect_ratios.push_back(inspect.samples.back() / dump.samples.back());
    }
    Stats read = stats(read_samples);
    Stats inspect_time = stats(inspect.samples), dump_time = stats(dump.samples);
    fmt::print("{:>6} tables  {:<30} {:>9.1f} {:>9.1f}\n", tables, "catalog read (library)",
               read.best, read.median);
    fmt::print("{:>6}         {:<30} {:>9.1f} {:>9.1f} {:>9.1f} MB\n", "",
               "driftless inspect (+ files)", inspect_time.best, inspect_time.median,
               inspect.max_rss_kb / 1024.0);
    fmt::print("{:>6}         {:<30} {:>9.1f} {:>9.1f} {:>9.1f} MB\n", "", "pg_dump --schema-only",
               dump_time.best, dump_time.median, dump.max_rss_kb / 1024.0);
    fmt::print("{:>6}         {:<30} {:>9.2f}x read, {:.2f}x inspect (target <= 0.50x)\n", "",
               "ratio to pg_dump (median)", stats(read_ratios).median,
               stats(inspect_ratios).median);
}

}  // namespace

int main(int argc, char** argv) {
    tune_heap_for_bulk_allocation();  // as driftless's own main does
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
