// Times `driftless check` on a generated schema of N tables (argv[1], default 1000) against
// `psql -f` of the same statements in dependency order, and against the library's own load
// without the CLI, so server start-up and load time can be told apart. Prints milliseconds.
#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "db/session.hpp"
#include "loader/schema_loader.hpp"
#include "parser/schema_parser.hpp"
#include "parser/source_files.hpp"
#include "scratch/scratch_database.hpp"
#include "support/synthetic_schema.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/process.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace driftless;
using namespace driftless::bench;

namespace {

constexpr int runs = 3;

long count_tables(const std::string& conninfo) {
    db::Session session(conninfo);
    return std::stol(
        *session.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'synth'")[0][0]);
}

// A load that did nothing would time very well: make sure every table arrived.
void expect_tables(const std::string& conninfo, int tables, const char* what) {
    long found = count_tables(conninfo);
    if (found != tables)
        throw FailureError(fmt::format("{}: {} tables loaded, expected {}", what, found, tables));
}

// Times `body` once per run, each run into a database of its own; creating and dropping the
// database is not timed.
Stats time_into_fresh_databases(scratch::ScratchServer& server, int tables, const char* what,
                                const std::function<void(const std::string& conninfo)>& body) {
    std::vector<double> samples;
    for (int i = 0; i < runs; ++i) {
        auto database = server.create_database();
        auto t0 = Clock::now();
        body(database->conninfo());
        samples.push_back(ms_since(t0));
        expect_tables(database->conninfo(), tables, what);
    }
    return stats(samples);
}

int run_bench(int tables) {
    BenchDir temp("driftless-bench-check");
    fs::path schema_dir = temp.path() / "schema";
    fs::path ordered_file = temp.path() / "ordered.sql";
    fs::path cache_dir = temp.path() / "cache";
    fs::create_directory(schema_dir);
    fs::create_directory(cache_dir);
    fs::permissions(cache_dir, fs::perms(0755));
    // Explicit, so the CLI runs and this process share one template and the user's cache
    // stays untouched; run_process passes the environment on.
    ::setenv("DRIFTLESS_CACHE", cache_dir.c_str(), 1);

    auto statements = testing::synthetic_statements({.tables = tables});
    write_file(schema_dir / "schema.sql", testing::as_script(testing::shuffled(statements, 7)));
    write_file(ordered_file, testing::as_script(statements));
    fmt::print("{} tables, {} statements; runs: {} (best, median)\n", tables, statements.size(),
               runs);

    // driftless check, the whole command: process start, server start, parse, load, counts.
    std::vector<std::string> check = {DRIFTLESS_BINARY, "check", "--schema", schema_dir.string(),
                                      "-q"};
    auto warm = Clock::now();
    std::string output = run_checked(check).output;  // creates the template: not counted
    fmt::print("first check (initdb into an empty cache): {:.1f} ms\n  {}", ms_since(warm), output);
    std::vector<double> check_samples;
    for (int i = 0; i < runs; ++i) {
        auto t0 = Clock::now();
        run_checked(check);
        check_samples.push_back(ms_since(t0));
    }
    Stats check_stats = stats(check_samples);

    scratch::ScratchServer server;  // root from DRIFTLESS_CACHE, like the CLI
    auto start = Clock::now();
    server.start();
    double server_start_ms = ms_since(start);

    // The library without the CLI and without server start: read, parse, connect, load.
    int rounds = 0;  // more than 1 means statements failed and were retried: ordering missed
    Stats library_stats =
        time_into_fresh_databases(server, tables, "library load", [&](const std::string& conninfo) {
            auto sources = parser::read_schema_sources(schema_dir);
            auto parsed = parser::parse_sources(sources);
            db::Session session(conninfo);
            rounds = loader::load_statements(session, parsed, {.quiet = true}).rounds;
        });

    // The baseline: psql running the statements in an order that needs no retries.
    Stats psql_stats =
        time_into_fresh_databases(server, tables, "psql -f", [&](const std::string& conninfo) {
            // The server's own psql, not Debian's Perl wrapper in /usr/bin.
            run_checked({std::string(DRIFTLESS_PG_BINDIR) + "/psql", "-X", "-q", "-v",
                         "ON_ERROR_STOP=1", "-d", conninfo, "-f", ordered_file.string()});
        });

    struct Row {
        const char* name;
        Stats stats;
    };
    const Row rows[] = {{"driftless check (incl. server start)", check_stats},
                        {"driftless load only (library)", library_stats},
                        {"psql -f (dependency order)", psql_stats}};
    fmt::print("\n{:<38} {:>10} {:>10} {:>16}\n", "", "best ms", "median ms", "median vs psql");
    for (const Row& row : rows) {
        fmt::print("{:<38} {:>10.1f} {:>10.1f} {:>15.2f}x\n", row.name, row.stats.best,
                   row.stats.median, row.stats.median / psql_stats.median);
    }
    fmt::print("\nembedded server warm start (this process): {:.1f} ms; library load rounds: {}\n",
               server_start_ms, rounds);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_cleanup();
    int tables = argc > 1 ? std::atoi(argv[1]) : 1000;
    if (tables < 1) {
        fmt::print(stderr, "usage: {} [tables]\n", argv[0]);
        return 2;
    }
    try {
        return run_bench(tables);
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_check: {}\n", error.what());
        return 3;
    }
}
