#pragma once
// What `generate` keeps between runs, beside the embedded server (<cache>/pg15):
//
// - replays/<chained hash>: the data directory of a cleanly stopped embedded server whose
//   database `driftless_replay` holds what the first k migration files build (tracking table
//   included), keyed by a chained hash over the names and bytes of the first k files. A later run starts its server
//   from the longest cached prefix of its history and replays only the files after it, so an
//   unchanged history is never replayed twice and one that only grew replays only its new
//   files. The three most recent are kept.
// - verdicts/<key>: an empty file saying that migrations/ (by its chain head) builds exactly
//   what schema/ says (by the bytes of its files), for this driftless binary and these
//   settings. `generate` on such a pair answers "no changes" without starting a server.
//
// Only with the embedded server: a dev_url server is someone else's to fill.
// DRIFTLESS_NO_CACHE=1 turns both off.
#include <filesystem>
#include <optional>
#include <string>

#include "apply/migration_files.hpp"
#include "cli/config.hpp"
#include "cli/model_sources.hpp"
#include "scratch/scratch_database.hpp"

namespace driftless::cli {

class ReplayCache {
  public:
    ReplayCache(const Config& config, const apply::MigrationSet& set);

    bool enabled() const { return enabled_; }
    // Whether a verdict says the migrations build the schema files as they are now.
    bool known_in_sync() const;
    // Records that verdict for the migrations as they are now (re-read after writing files).
    void record_in_sync(const apply::MigrationSet& set) const;

    // The server settings to start from the longest cached prefix, if any.
    scratch::ScratchOptions server_options() const;
    // The database holding the cached prefix ("" when starting from nothing).
    std::string template_database() const;
    std::size_t cached_files() const { return cached_files_; }

    // Right after the replay, before anything changes it: a pristine copy to keep, when the
    // replay went beyond the cache.
    void snapshot(scratch::ScratchServer& server, const ModelSource& replayed);
    // At the end of a successful run, with every scratch database dropped: stops the server
    // and keeps its data directory for the next run. Does nothing when there is no snapshot.
    void keep(scratch::ScratchServer& server);

  private:
    std::string verdict_key(const std::string& chain_head) const;

    bool enabled_ = false;
    Config config_;
    std::filesystem::path root_;            // <cache>/pg15
    std::vector<std::string> chain_;        // chained hashes of the migration files
    std::size_t cached_files_ = 0;          // files the cached prefix holds
    std::filesystem::path cached_data_;     // its data directory; empty: none
    bool snapshot_taken_ = false;
};

}  // namespace driftless::cli
