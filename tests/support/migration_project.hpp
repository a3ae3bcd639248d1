#pragma once
// A project folder for the migration commands: driftless.yaml (migrations: migrations plus
// any extra lines) and the files of migrations/, run through the real binary.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/cli.hpp"
#include "support/test_server.hpp"

namespace driftless::testing {

struct MigrationProject {
    TempDir dir;
    explicit MigrationProject(const std::string& extra_config = {}) {
        dir.write("driftless.yaml", "migrations: migrations\n" + extra_config);
    }
    std::string config() const { return (dir.path() / "driftless.yaml").string(); }
    void migration(const std::string& file, const std::string& text) const {
        dir.write("migrations/" + file, text);
    }
    ProcessResult run(std::vector<std::string> args) const {
        args.insert(args.end(), {"--config", config()});
        return driftless_cli(args);
    }
};

// A project with schema files too (schema/app.sql), for generate, plan and push.
struct SchemaProject : MigrationProject {
    SchemaProject() : MigrationProject("schema: schema\n") {
        std::filesystem::create_directories(dir.path() / "migrations");
    }
    void schema(const std::string& text) const { dir.write("schema/app.sql", text); }
    std::string schema_dir() const { return (dir.path() / "schema").string(); }
    // The migration files, in version order.
    std::vector<std::filesystem::path> migration_files() const {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "migrations"))
            if (entry.path().extension() == ".sql") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        return files;
    }
    static std::string text(const std::filesystem::path& path) { return read_text(path); }
};

}  // namespace driftless::testing
