// The real migration histories of ../shared/realworld/histories (written by other projects)
// applied by driftless from an empty database give exactly the schema psql gives, file by
// file in the same order: harbor (golang-migrate, over golang-migrate's own table, adopted)
// and kratos (ory/pop, 346 files, 10 outside a transaction), which `down` then walks back to
// empty. Skipped without ../shared.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/read_schema.hpp"
#include "model/schema_json.hpp"
#include "support/migration_project.hpp"
#include "support/realworld.hpp"
#include "support/test_server.hpp"
#include "util/process.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

fs::path histories() {
    return fs::path(DRIFTLESS_SOURCE_DIR) / ".." / "shared" / "realworld" / "histories";
}

struct HistoryFile {
    std::string name;
    bool transactional = true;
};

// The order and the tx/autocommit choice of each file, from the history's .tsv.
std::vector<HistoryFile> history_order(const std::string& history) {
    std::ifstream tsv(histories() / (history + ".tsv"));
    std::vector<HistoryFile> files;
    for (std::string line; std::getline(tsv, line);) {
        std::istringstream fields(line);
        HistoryFile file;
        std::string mode;
        if (!std::getline(fields, file.name, '\t')) continue;
        std::string field;
        while (std::getline(fields, field, '\t')) mode = field;
        file.transactional = mode != "autocommit";
        files.push_back(file);
    }
    return files;
}

// psql, one file after the other, each in one transaction unless autocommit (as `psql -1 -f`
// per file would, in one psql process).
void apply_with_psql(const testing::TestDatabase& database, const std::string& history,
                     const std::string& prelude = {}) {
    testing::TempDir dir;
    std::string script = "\\set ON_ERROR_STOP 1\n";
    if (!prelude.empty()) script += "\\i " + prelude + "\n";
    for (const auto& file : history_order(history)) {
        std::string path = (histories() / history / file.name).string();
        script += file.transactional ? "BEGIN;\n\\i " + path + "\nCOMMIT;\n" : "\\i " + path + "\n";
    }
    auto script_path = dir.write("all.sql", script);
    run_process_checked({std::string(DRIFTLESS_PG_BINDIR) + "/psql", "-X", "-q", "-d",
                         database.conninfo(), "-f", script_path.string()});
}

// A project whose migrations/ is a copy of the history (driftless.sum is written there).
void copy_history(const testing::MigrationProject& project, const std::string& history) {
    fs::create_directories(project.dir.path() / "migrations");
    for (const auto& entry : fs::directory_iterator(histories() / history)) {
        if (entry.path().extension() == ".sql")
            fs::copy_file(entry.path(), project.dir.path() / "migrations" / entry.path().filename());
    }
    REQUIRE(project.run({"hash"}).exit_code == 0);
}

std::string model_json(const testing::TestDatabase& database) {
    return model::to_json(catalog::read_schema(database.conninfo())).dump(1);
}

}  // namespace

TEST_CASE("harbor's history applies as with psql, over golang-migrate's own table",
          "[pg][apply][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    const std::string prelude = (histories() / "preludes" / "harbor.sql").string();
    testing::TestDatabase with_psql;
    apply_with_psql(with_psql, "harbor", prelude);

    testing::MigrationProject project;
    copy_history(project, "harbor");
    testing::TestDatabase with_driftless;
    run_process_checked({std::string(DRIFTLESS_PG_BINDIR) + "/psql", "-X", "-q", "-d",
                         with_driftless.conninfo(), "-f", prelude});
    auto result = project.run({"apply", "--url", with_driftless.conninfo(), "-q"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    CHECK(with_driftless.scalar("SELECT count(*) FROM schema_migrations WHERE NOT dirty "
                                "AND length(checksum) = 64") == "39");
    CHECK(with_driftless.scalar("SELECT max(version) FROM schema_migrations") == "190");
    CHECK(model_json(with_driftless) == model_json(with_psql));
    CHECK(project.run({"status", "--url", with_driftless.conninfo()}).exit_code == 0);
}

TEST_CASE("kratos's 346 migrations apply as with psql, and down walks back to empty",
          "[pg][apply][realworld]") {
    if (!testing::have_realworld_schemas()) return;
    testing::TestDatabase with_psql;
    apply_with_psql(with_psql, "kratos");

    testing::MigrationProject project;
    copy_history(project, "kratos");
    testing::TestDatabase with_driftless;
    auto result = project.run({"apply", "--url", with_driftless.conninfo(), "--format", "json"});
    INFO(result.output.substr(0, 2000));
    REQUIRE(result.exit_code == 0);
    auto summary = nlohmann::json::parse(result.output);
    CHECK(summary["applied"].size() == 346);
    CHECK(with_driftless.scalar("SELECT count(*) FROM schema_migrations WHERE statements_done "
                                "IS NULL") == "346");
    CHECK(with_driftless.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                                "AND tablename <> 'schema_migrations'") == "26");
    CHECK(model_json(with_driftless) == model_json(with_psql));

    auto down = project.run({"down", "--steps", "346", "--url", with_driftless.conninfo(), "-q"});
    INFO(down.output);
    REQUIRE(down.exit_code == 0);
    // Empty but for two extensions: kratos's own down files never drop what its
    // 20230920171028 migration created (and 20240318143139's down creates them again).
    testing::TestDatabase empty;
    empty.connect().execute("CREATE EXTENSION pg_trgm; CREATE EXTENSION btree_gin");
    CHECK(with_driftless.scalar("SELECT count(*) FROM schema_migrations") == "0");
    CHECK(model_json(with_driftless) == model_json(empty));
}
