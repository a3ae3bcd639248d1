// The end-to-end scenarios of tests/scenarios/<name>/: current.sql and desired.sql are loaded
// into two databases; the plan from current's model to desired's is run on the first (its
// transactional statements in one transaction, then the others one by one); the model must
// then equal desired's exactly, and a second diff must be empty. The plan back (diffing the
// new state against current's model) must then give current's model exactly again.
// desired.sql's renamed-from annotations turn drops and adds into renames, as in generate.
#include <catch2/catch.hpp>

#include <filesystem>

#include "catalog/read_schema.hpp"
#include "diff/diff_schema.hpp"
#include "diff/renames_in_database.hpp"
#include "loader/check_schema.hpp"
#include "model/schema_json.hpp"
#include "parser/schema_parser.hpp"
#include "support/test_server.hpp"

using namespace driftless;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> scenario_dirs() {
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(fs::path(DRIFTLESS_SOURCE_DIR) / "tests" / "scenarios")) {
        if (entry.is_directory()) dirs.push_back(entry.path());
    }
    std::sort(dirs.begin(), dirs.end());
    return dirs;
}

void run_plan(db::Session& session, const diff::Plan& plan) {
    auto text = diff::split_steps(plan);
    session.execute("BEGIN");
    for (const auto& sql : text.transactional) session.execute(sql);
    session.execute("COMMIT");
    for (const auto& sql : text.outside_transaction) session.execute(sql);
}

std::string plan_text(const diff::Plan& plan) {
    std::string text;
    for (const auto& change : plan.changes) {
        text += change.summary + "\n";
        for (const auto& step : change.steps)
            text += std::string(step.transactional ? "    " : "    [no tx] ") + step.sql + "\n";
    }
    return text;
}

// What differs, as a JSON patch from a to b: short enough to read in a failure.
std::string difference(const model::Schema& a, const model::Schema& b) {
    auto patch = nlohmann::json::diff(model::to_json(a), model::to_json(b));
    std::string text;
    for (std::size_t i = 0; i < patch.size() && i < 12; ++i) text += patch[i].dump() + "\n";
    return text;
}

void run_steps(db::Session& session, const std::vector<diff::Step>& steps) {
    session.execute("BEGIN");
    for (const auto& step : steps) session.execute(step.sql);
    session.execute("COMMIT");
}

// desired.sql's `-- driftless:renamed-from` annotations, as `generate` reads them.
std::vector<diff::RenameHint> rename_hints_of(const fs::path& file) {
    return diff::rename_hints(parser::parse_sources(parser::read_schema_sources(file)));
}

// Roles the privileges_* scenarios grant to (roles belong to the server, not to a schema).
void create_scenario_roles(db::Session& session) {
    for (const char* role : {"driftless_reader", "\"Driftless Writer\""}) {
        session.execute(std::string("DO $$ BEGIN CREATE ROLE ") + role +
                        "; EXCEPTION WHEN OTHERS THEN NULL; END $$");
    }
}

void check_scenario(const fs::path& dir) {
    testing::TestDatabase current_db, desired_db;
    // privileges_* scenarios compare GRANTs too, as `privileges: true` does.
    catalog::ReadOptions options;
    options.privileges = dir.filename().string().rfind("privileges_", 0) == 0;
    {
        auto session = current_db.connect();
        if (options.privileges) create_scenario_roles(session);
        loader::load_schema_path(dir / "current.sql", session, true);
        auto desired_session = desired_db.connect();
        loader::load_schema_path(dir / "desired.sql", desired_session, true);
    }
    auto current = catalog::read_schema(current_db.conninfo(), options);
    auto desired = catalog::read_schema(desired_db.conninfo(), options);
    auto renamed = diff::rename_in_database(current_db.conninfo(), current, desired,
                                            rename_hints_of(dir / "desired.sql"), options);
    auto up = diff::diff_schemas(renamed.model, desired);
    diff::prepend_renames(up, renamed.renames);
    INFO("UP:\n" << plan_text(up));
    REQUIRE_FALSE(up.empty());
    if (dir.filename().string().rfind("rename_", 0) == 0) {
        // Annotated renames keep the data: nothing in the plan may delete any.
        auto hazards = up.hazards();
        CHECK(std::count(hazards.begin(), hazards.end(), diff::Hazard::deletes_data) == 0);
    }
    auto session = current_db.connect();
    run_plan(session, up);
    auto after_up = catalog::read_schema(current_db.conninfo(), options);
    INFO("after UP, model differs from desired's:\n" << difference(after_up, desired));
    CHECK(diff::same_schema(after_up, desired));
    auto again = diff::diff_schemas(after_up, desired);
    INFO("second diff:\n" << plan_text(again));
    CHECK(again.empty());

    // Back to the renamed state, then the renames undone, as generate writes a DOWN.
    auto down = diff::diff_schemas(after_up, renamed.model);
    INFO("DOWN:\n" << plan_text(down));
    run_plan(session, down);
    if (!renamed.renames.empty()) run_steps(session, diff::undo_steps(renamed.renames));
    auto after_down = catalog::read_schema(current_db.conninfo(), options);
    INFO("after DOWN, model differs from current's:\n" << difference(after_down, current));
    CHECK(diff::same_schema(after_down, current));
}

// Four test cases, so ctest runs the scenarios in parallel.
void run_share(std::size_t share, std::size_t shares) {
    auto dirs = scenario_dirs();
    REQUIRE(dirs.size() >= shares);
    for (std::size_t i = share; i < dirs.size(); i += shares) {
        DYNAMIC_SECTION(dirs[i].filename().string()) { check_scenario(dirs[i]); }
    }
}

}  // namespace

TEST_CASE("scenarios, first quarter: UP gives desired, DOWN gives current, a second diff is empty",
          "[pg][diff][scenarios]") {
    run_share(0, 4);
}
TEST_CASE("scenarios, second quarter: UP gives desired, DOWN gives current, a second diff is empty",
          "[pg][diff][scenarios]") {
    run_share(1, 4);
}
TEST_CASE("scenarios, third quarter: UP gives desired, DOWN gives current, a second diff is empty",
          "[pg][diff][scenarios]") {
    run_share(2, 4);
}
TEST_CASE("scenarios, fourth quarter: UP gives desired, DOWN gives current, a second diff is empty",
          "[pg][diff][scenarios]") {
    run_share(3, 4);
}
