#pragma once
// A project folder for the migration commands: driftless.yaml (migrations: migrations plus
// any extra lines) and the files of migrations/, run through the real binary.
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

}  // namespace driftless::testing
