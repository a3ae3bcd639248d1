// Times `driftless apply` (the whole command: files read and checked, lock, tracking table,
// one transaction per file) from an empty database, next to psql on the same files: `psql -1
// -f` once per file (as the issue asks; `autocommit` files without -1), and, as the fastest
// psql can be, one psql process running every file in its own BEGIN/COMMIT. Two histories:
// kratos (346 real files, from ../shared, skipped without it) and 200 small generated ones.
// Target (issue 5): at most 1.2x psql.
#include <cstdlib>
#include <sstream>

#include "bench_support.hpp"
#include "scratch/scratch_database.hpp"

using namespace driftless;
using namespace driftless::bench;

namespace {

constexpr int runs = 3;

struct HistoryFile {
    fs::path path;
    bool transactional = true;
};

struct History {
    std::string name;
    fs::path project;  // driftless.yaml + migrations/ (with driftless.sum)
    std::vector<HistoryFile> files;
};

const std::string psql = std::string(DRIFTLESS_PG_BINDIR) + "/psql";

History kratos(const fs::path& work) {
    fs::path source = fs::path(DRIFTLESS_SOURCE_DIR) / ".." / "shared" / "realworld" / "histories";
    History history{"kratos (346 files)", work / "kratos", {}};
    fs::create_directories(history.project / "migrations");
    std::ifstream tsv(source / "kratos.tsv");
    for (std::string line; std::getline(tsv, line);) {
        std::istringstream fields(line);
        std::string name, field, mode;
        std::getline(fields, name, '\t');
        while (std::getline(fields, field, '\t')) mode = field;
        fs::copy_file(source / "kratos" / name, history.project / "migrations" / name);
        history.files.push_back({history.project / "migrations" / name, mode != "autocommit"});
        auto down = name.substr(0, name.size() - std::string(".up.sql").size()) + ".down.sql";
        if (fs::exists(source / "kratos" / down))
            fs::copy_file(source / "kratos" / down, history.project / "migrations" / down);
    }
    return history;
}

History small_migrations(const fs::path& work, int count) {
    History history{fmt::format("{} small generated files", count), work / "small", {}};
    fs::create_directories(history.project / "migrations");
    for (int i = 1; i <= count; ++i) {
        fs::path path = history.project / "migrations" / fmt::format("{:04}_step.sql", i);
        write_file(path, fmt::format("-- migrate:up\n"
                                     "CREATE TABLE t{0} (id bigint PRIMARY KEY, v text);\n"
                                     "CREATE INDEX t{0}_v ON t{0} (v);\n"
                                     "COMMENT ON TABLE t{0} IS 'step {0}';\n"
                                     "-- migrate:down\nDROP TABLE t{0};\n",
                                     i));
        history.files.push_back({path, true});
    }
    return history;
}

double time_driftless(scratch::ScratchServer& server, const History& history) {
    auto database = server.create_database();
    auto t0 = Clock::now();
    run_checked({DRIFTLESS_BINARY, "apply", "--url", database->conninfo(), "--config",
                 (history.project / "driftless.yaml").string(), "-q"});
    return ms_since(t0);
}

double time_psql_per_file(scratch::ScratchServer& server, const History& history) {
    auto database = server.create_database();
    auto t0 = Clock::now();
    for (const auto& file : history.files) {
        std::vector<std::string> argv{psql, "-X", "-q", "-v", "ON_ERROR_STOP=1"};
        if (file.transactional) argv.push_back("-1");
        argv.insert(argv.end(), {"-d", database->conninfo(), "-f", file.path.string()});
        run_checked(argv);
    }
    return ms_since(t0);
}

double time_psql_one_process(scratch::ScratchServer& server, const History& history,
                             const fs::path& work) {
    std::string script = "\\set ON_ERROR_STOP 1\n";
    for (const auto& file : history.files) {
        script += file.transactional ? "BEGIN;\n\\i " + file.path.string() + "\nCOMMIT;\n"
                                     : "\\i " + file.path.string() + "\n";
    }
    write_file(work / "all.sql", script);
    auto database = server.create_database();
    auto t0 = Clock::now();
    run_checked({psql, "-X", "-q", "-d", database->conninfo(), "-f", (work / "all.sql").string()});
    return ms_since(t0);
}

void bench_history(scratch::ScratchServer& server, const History& history, const fs::path& work) {
    write_file(history.project / "driftless.yaml", "migrations: migrations\n");
    run_checked({DRIFTLESS_BINARY, "hash", "-q", "--config",
                 (history.project / "driftless.yaml").string()});
    std::vector<double> ours, per_file, one_process;
    for (int i = 0; i < runs; ++i) {
        ours.push_back(time_driftless(server, history));
        one_process.push_back(time_psql_one_process(server, history, work));
    }
    per_file.push_back(time_psql_per_file(server, history));  // slow: once
    Stats a = stats(ours), b = stats(per_file), c = stats(one_process);
    fmt::print("{}\n", history.name);
    fmt::print("  {:<44} {:>9.1f} {:>9.1f}\n", "driftless apply", a.best, a.median);
    fmt::print("  {:<44} {:>9.1f} {:>9.1f}\n", "psql -1 -f, one process per file", b.best,
               b.median);
    fmt::print("  {:<44} {:>9.1f} {:>9.1f}\n", "psql, one process, BEGIN/COMMIT per file",
               c.best, c.median);
    fmt::print("  {:<44} {:>9.2f}x per-file psql, {:.2f}x one-process psql (target <= 1.2x)\n",
               "ratio (median)", a.median / b.median, a.median / c.median);
}

}  // namespace

int main() {
    install_interrupt_cleanup();
    try {
        BenchDir work("driftless-bench-apply");
        use_private_cache(work);
        scratch::ScratchServer server;
        server.start();
        fmt::print("  {:<44} {:>9} {:>9}\n", "", "best ms", "median ms");
        bench_history(server, small_migrations(work.path(), 200), work.path());
        if (fs::exists(fs::path(DRIFTLESS_SOURCE_DIR) / ".." / "shared" / "realworld" /
                       "histories" / "kratos.tsv")) {
            bench_history(server, kratos(work.path()), work.path());
        } else {
            fmt::print("kratos: skipped, ../shared/realworld is absent\n");
        }
        return 0;
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_apply: {}\n", error.what());
        return 3;
    }
}
