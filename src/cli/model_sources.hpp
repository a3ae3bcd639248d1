#pragma once
// Where a model comes from for the commands that compare: schema files loaded into a scratch
// database, a migrations directory replayed there by the apply engine, or a live database.
// The scratch database stays alive as long as the source, so `generate` can run and verify
// its migration in it.
#include <filesystem>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "diff/renames_in_database.hpp"
#include "model/schema.hpp"
#include "scratch/scratch_database.hpp"

namespace driftless::cli {

struct ModelSource {
    std::string description;  // for messages: "schema/", "migrations/", "prod (host=…)"
    model::Schema model;
    std::string conninfo;  // where the model was read
    std::unique_ptr<scratch::ScratchDatabase> scratch;  // set for files and migrations
    std::vector<diff::RenameHint> renames;  // schema files: their renamed-from annotations
};

ModelSource schema_files_source(const std::filesystem::path& schema, scratch::ScratchServer& server,
                                const Config& config, bool quiet);
// template_database: a database of the server that already holds the first files of the
// history (tracking table included); only the files after those are replayed.
ModelSource migrations_source(const std::filesystem::path& migrations,
                              scratch::ScratchServer& server, const Config& config,
                              const std::string& template_database = {});
ModelSource database_source(const std::string& conninfo, const std::string& description,
                            const Config& config);

// The model of a database as the commands compare it: the tracking table left out.
model::Schema read_model(const std::string& conninfo, const Config& config);
catalog::ReadOptions read_options(const Config& config);

// `from` as it is once the renames `to`'s files ask for have run (tried on from's database in
// a transaction that is rolled back), and the plan from there to `to`, renames first.
diff::RenamedState renamed_toward(const ModelSource& from, const ModelSource& to,
                                  const Config& config);
diff::Plan plan_toward(const ModelSource& from, const ModelSource& to, const Config& config);

// `diff --from/--to` sources: a URL or key=value string, `env:NAME`, a migrations directory
// (it holds driftless.sum, or is the configured one), or a schema path.
ModelSource resolve_source(const std::string& text, scratch::ScratchServer& server,
                           const Config& config, bool quiet);

}  // namespace driftless::cli
