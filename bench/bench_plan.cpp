// Times `driftless plan --format sql` (the whole command: schema files loaded into a scratch
// database, the live database's catalog read, the diff) from schema files of N generated
// tables (argv[1], default 1,000) against a live database of the same N tables, 5 % of them
// changed in the files: a column added, a column retyped or an index added, in turn.
// Reference points on the same pair: `pg_dump --schema-only` of the live database (a catalog
// read alone) and `psql -f` of the desired schema into an empty database (a load alone), and,
// where ../shared/peers/setup.sh installed it, pg-delta (a diff of the live database against
// one holding the desired schema, and its own files-against-database `schema apply --dry-run`).
#include <cctype>
#include <cstdlib>
#include <functional>
#include <optional>

#include "bench_support.hpp"
#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "scratch/scratch_database.hpp"
#include "support/synthetic_schema.hpp"

using namespace driftless;
using namespace driftless::bench;

namespace {

constexpr int runs = 5;
const std::string pg_bin = DRIFTLESS_PG_BINDIR;

struct Changed {
    std::vector<std::string> statements;  // the desired schema, in dependency order
    int added = 0, retyped = 0, indexed = 0;
    int total() const { return added + retyped + indexed; }
};

// Every 20th table changes (5 %), the three kinds of change in turn, so the plan holds a
// realistic mix: a plain ADD COLUMN, an ALTER COLUMN TYPE (a rewrite hazard) and a new index
// (built CONCURRENTLY outside the transaction).
Changed change_every_twentieth(std::vector<std::string> statements) {
    Changed changed;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        std::string& statement = statements[i];
        if (!statement.starts_with("CREATE TABLE synth.t")) continue;
        int table = std::atoi(statement.c_str() + std::string("CREATE TABLE synth.t").size());
        if (table % 20 != 0) continue;
        const std::string amount = "amount numeric(12,2) CHECK (amount >= 0)";
        auto at = statement.find(amount);
        if (at == std::string::npos) throw FailureError("synthetic_statements changed shape");
        switch (table / 20 % 3) {
            case 0:
                statement.insert(at + amount.size(), ",\n  note text");
                ++changed.added;
                break;
            case 1:
                statement.replace(at, amount.size(), "amount numeric(14,2) CHECK (amount >= 0)");
                ++changed.retyped;
                break;
            default:
                // After the table's own index, so the order stays a dependency order.
                statements.insert(statements.begin() + static_cast<long>(i) + 2,
                                  fmt::format("CREATE INDEX t{0:05}_created_at_idx ON synth.t{0:05} "
                                              "(created_at)",
                                              table));
                ++changed.indexed;
        }
    }
    changed.statements = std::move(statements);
    return changed;
}

void load_in_batches(const std::string& conninfo, const std::vector<std::string>& statements) {
    // In batches: one transaction creating thousands of tables runs out of lock slots.
    db::Session session(conninfo);
    for (std::size_t i = 0; i < statements.size(); i += 500) {
        auto end = std::min(statements.size(), i + 500);
        session.execute(testing::as_script({statements.begin() + static_cast<long>(i),
                                            statements.begin() + static_cast<long>(end)}));
    }
}

long count_tables(const std::string& conninfo) {
    db::Session session(conninfo);
    return std::stol(
        *session.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'synth'")[0][0]);
}

Stats time_runs(int count, const std::function<void()>& body) {
    std::vector<double> samples;
    for (int i = 0; i < count; ++i) {
        auto t0 = Clock::now();
        body();
        samples.push_back(ms_since(t0));
    }
    return stats(samples);
}

// pg-delta's bin/ as ../shared/peers/setup.sh lays it out: DRIFTLESS_PEERS_DIR, or the
// README's default (`.peers` in this checkout), or a copy kept next to setup.sh. The
// wrappers are written even for tools whose npm install failed, so the CLI link must exist.
std::optional<fs::path> find_pgdelta() {
    std::vector<fs::path> candidates;
    if (const char* dir = std::getenv("DRIFTLESS_PEERS_DIR"); dir && *dir)
        candidates.push_back(fs::path(dir) / "bin");
    candidates.push_back(fs::path(DRIFTLESS_SOURCE_DIR) / ".peers" / "bin");
    candidates.push_back(fs::path(DRIFTLESS_SOURCE_DIR) / ".." / "shared" / "peers" / ".peers" /
                         "bin");
    for (const auto& bin : candidates) {
        if (fs::exists(bin / "pgdelta") && fs::exists(bin / "pgdelta-diff"))
            return fs::canonical(bin);
    }
    return std::nullopt;
}

// node-postgres takes URLs only; the embedded server listens on a unix socket alone, which
// a URL names with a `host` query parameter.
std::string as_url(const std::string& conninfo) {
    auto options = db::parse_conninfo(conninfo);
    std::string host;
    for (unsigned char c : options["host"]) {
        host += std::isalnum(c) || std::string_view("/-_.").find(static_cast<char>(c)) !=
                                       std::string_view::npos
                    ? std::string(1, static_cast<char>(c))
                    : fmt::format("%{:02X}", c);
    }
    return fmt::format("postgresql://{}@localhost:{}/{}?host={}", options["user"],
                       options["port"], options["dbname"], host);
}

struct Row {
    std::string name;
    Stats stats;
};

int run_bench(int tables) {
    BenchDir work("driftless-bench-plan");
    use_private_cache(work);
    scratch::ScratchServer server;
    server.start();

    auto live_statements = testing::synthetic_statements({.tables = tables});
    Changed desired = change_every_twentieth(live_statements);
    fs::path schema_dir = work.path() / "schema";
    fs::create_directory(schema_dir);
    // Shuffled, as a person's files are in no particular order: plan must sort them.
    write_file(schema_dir / "schema.sql",
               testing::as_script(testing::shuffled(desired.statements, 7)));
    write_file(work.path() / "desired.sql", testing::as_script(desired.statements));
    // An explicit config, so a driftless.yaml in the current directory cannot change the run.
    write_file(work.path() / "driftless.yaml", "schema: schema\n");

    auto live = server.create_database();
    load_in_batches(live->conninfo(), live_statements);
    fmt::print("{} tables, {} changed in the files ({} columns added, {} retyped, {} indexes "
               "added); runs: {} (best, median)\n",
               tables, desired.total(), desired.added, desired.retyped, desired.indexed, runs);

    const std::vector<std::string> plan_command = {
        DRIFTLESS_BINARY, "plan", "--config", (work.path() / "driftless.yaml").string(), "--url",
        live->conninfo(), "--schema", schema_dir.string(), "-q"};
    auto with_format = [&](const char* format) {
        auto argv = plan_command;
        argv.insert(argv.end(), {"--format", format});
        return argv;
    };
    // Untimed: one summary line per change, so a plan that missed changes cannot time well.
    std::string summary = run_checked(with_format("text")).output;
    long changes = std::count(summary.begin(), summary.end(), '\n');
    if (changes < desired.total()) {
        throw FailureError(fmt::format("plan found {} changes, expected at least {}:\n{}",
                                       changes, desired.total(), summary));
    }
    std::string sql;
    Stats plan = time_runs(runs, [&] { sql = run_checked(with_format("sql")).output; });

    Stats dump = time_runs(runs, [&] {
        run_checked({pg_bin + "/pg_dump", "--schema-only", "-d", live->conninfo(), "-f",
                     "/dev/null"});
    });

    // Each run into a new database (created and dropped untimed); the last one stays as
    // pg-delta's desired side.
    std::unique_ptr<scratch::ScratchDatabase> target;
    std::vector<double> psql_samples;
    for (int i = 0; i < runs; ++i) {
        target = server.create_database();
        auto t0 = Clock::now();
        run_checked({pg_bin + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                     target->conninfo(), "-f", (work.path() / "desired.sql").string()});
        psql_samples.push_back(ms_since(t0));
        if (count_tables(target->conninfo()) != tables)
            throw FailureError("psql -f did not create every table");
    }

    std::vector<Row> rows = {
        {"driftless plan --format sql", plan},
        {"pg_dump --schema-only (live db)", dump},
        {"psql -f (desired schema, empty db)", stats(psql_samples)},
    };
    std::string peers_note;
    if (auto bin = find_pgdelta()) {
        std::string live_url = as_url(live->conninfo());
        std::string target_url = as_url(target->conninfo());
        std::string delta_sql;
        rows.push_back({"pg-delta: pgdelta-diff live -> desired db", time_runs(runs, [&] {
                            delta_sql = run_checked({(*bin / "pgdelta-diff").string(), live_url,
                                                     target_url})
                                            .output;
                        })});
        peers_note += fmt::format("pg-delta ({}): its diff printed {} lines of SQL\n",
                                  bin->string(), std::count(delta_sql.begin(), delta_sql.end(), '\n'));
        // Its declarative mode is the closest peer of `plan`: the files are loaded into a
        // shadow database it creates on the target's server, then diffed against the target.
        std::vector<std::string> apply = {(*bin / "pgdelta").string(), "schema", "apply", "--dir",
                                          schema_dir.string(), "--target", live_url, "--dry-run"};
        if (ProcessResult probe = run_process(apply); probe.exit_code == 0) {
            rows.push_back({"pg-delta: schema apply --dir --dry-run",
                            time_runs(runs, [&] { run_checked(apply); })});
        } else {
            auto end = probe.output.find('\n');
            peers_note += fmt::format("pg-delta schema apply --dir --dry-run: failed (exit {}): {}\n",
                                     probe.exit_code, probe.output.substr(0, end));
        }
    } else {
        peers_note =
            "pg-delta: skipped, not installed (install it with: PEERS_ONLY=pgdelta "
            "PEERS_SKIP_APT=1 bash ../shared/peers/setup.sh ../shared/peers/.peers; "
            "or set DRIFTLESS_PEERS_DIR to setup.sh's directory)\n";
    }

    fmt::print("\n{:<44} {:>10} {:>10} {:>22}\n", "", "best ms", "median ms",
               "driftless plan / this");
    for (const Row& row : rows) {
        fmt::print("{:<44} {:>10.1f} {:>10.1f} {:>21.2f}x\n", row.name, row.stats.best,
                   row.stats.median, plan.median / row.stats.median);
    }
    fmt::print("{}", peers_note);

    // The plan must be what it claims: run as printed, the live database then equals the files.
    write_file(work.path() / "plan.sql", sql);
    run_checked({pg_bin + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", live->conninfo(),
                 "-f", (work.path() / "plan.sql").string()});
    std::string after = run_checked(with_format("text")).output;
    if (after != "no changes\n")
        throw FailureError("after running the plan's SQL, plan still finds:\n" + after);
    fmt::print("plan: {} changes, {} lines of SQL; run by psql, a second plan finds no changes\n",
               changes, std::count(sql.begin(), sql.end(), '\n'));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_cleanup();
    int tables = argc > 1 ? std::atoi(argv[1]) : 1000;
    if (tables < 20) {
        fmt::print(stderr, "usage: {} [tables, at least 20]\n", argv[0]);
        return 2;
    }
    try {
        return run_bench(tables);
    } catch (const std::exception& error) {
        fmt::print(stderr, "bench_plan: {}\n", error.what());
        return 3;
    }
}
