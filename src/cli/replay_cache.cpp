#include "cli/replay_cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "apply/digest.hpp"
#include "parser/source_files.hpp"
#include "scratch/cache_dir.hpp"
#include "util/error.hpp"

namespace driftless::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* replay_database = "driftless_replay";
constexpr const char* next_replay_database = "driftless_replay_next";
constexpr std::size_t kept_replays = 3;
constexpr std::size_t kept_verdicts = 50;
// Part of every slot name, so slots of another layout are never used.
constexpr const char* slot_prefix = "v1-";

// This build of driftless: a new binary may diff differently, so its verdicts start afresh.
std::string binary_identity() {
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) return "unknown";
    auto size = fs::file_size(self, error);
    auto time = fs::last_write_time(self, error).time_since_epoch().count();
    return fmt::format("{}|{}|{}", self.string(), size, time);
}

// Removes all but the newest `keep` entries of a directory.
void trim(const fs::path& dir, std::size_t keep) {
    std::error_code error;
    std::vector<std::pair<fs::file_time_type, fs::path>> entries;
    for (const auto& entry : fs::directory_iterator(dir, error))
        entries.emplace_back(entry.last_write_time(error), entry.path());
    if (entries.size() <= keep) return;
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = keep; i < entries.size(); ++i) fs::remove_all(entries[i].second, error);
}

// Like driftless.sum's chain, but over what the replayed database records too: each file's
// name (its version goes into the tracking table) and the tracking table's name. Element k
// stands for the first k+1 files.
std::vector<std::string> replay_chain(const Config& config, const apply::MigrationSet& set) {
    std::vector<std::string> chain;
    std::string previous = apply::sha256("driftless replay v1\n" + config.tracking_table);
    for (const auto& migration : set.migrations) {
        previous = apply::sha256(previous + migration.file_name() + '\0' + migration.checksum);
        chain.push_back(apply::to_hex(previous));
    }
    return chain;
}

}  // namespace

ReplayCache::ReplayCache(const Config& config, const apply::MigrationSet& set)
    : config_(config), chain_(replay_chain(config, set)) {
    const char* off = std::getenv("DRIFTLESS_NO_CACHE");
    enabled_ = config.dev_url.empty() && !(off && *off && std::string(off) != "0");
    if (!enabled_) return;
    root_ = scratch::server_root_directory();
    // The longest prefix of this history that a previous run kept.
    for (std::size_t k = chain_.size(); k > 0; --k) {
        fs::path candidate = root_ / "replays" / (slot_prefix + chain_[k - 1]);
        if (fs::exists(candidate / "PG_VERSION")) {
            cached_files_ = k;
            cached_data_ = candidate;
            // Used now: the last to be trimmed.
            std::error_code error;
            fs::last_write_time(candidate, fs::file_time_type::clock::now(), error);
            break;
        }
    }
}

std::string ReplayCache::verdict_key(const std::string& chain_head) const {
    std::string material = "driftless generate verdict v1\n" + binary_identity() + "\n";
    material += fmt::format("{}\n{}\n{}\n{}\n{}\n", fs::absolute(config_.schema).string(),
                            fs::absolute(config_.migrations).string(), config_.tracking_table,
                            config_.dialect, config_.privileges);
    for (const auto& source : parser::read_schema_sources(config_.schema))
        material += source.display_path + '\0' + apply::sha256_hex(source.text) + '\n';
    return apply::sha256_hex(material + chain_head);
}

bool ReplayCache::known_in_sync() const {
    if (!enabled_) return false;
    try {
        std::string head = chain_.empty() ? "empty" : chain_.back();
        return fs::exists(root_ / "verdicts" / verdict_key(head));
    } catch (const std::exception&) {
        return false;  // unreadable schema files: the full run reports them properly
    }
}

void ReplayCache::record_in_sync(const apply::MigrationSet& set) const {
    if (!enabled_) return;
    auto chain = replay_chain(config_, set);
    std::error_code error;
    fs::create_directories(root_ / "verdicts", error);
    std::ofstream(root_ / "verdicts" / verdict_key(chain.empty() ? "empty" : chain.back()));
    trim(root_ / "verdicts", kept_verdicts);
}

scratch::ScratchOptions ReplayCache::server_options() const {
    scratch::ScratchOptions options;
    options.dev_url = config_.dev_url;
    options.embedded.base_data = cached_data_;
    return options;
}

std::string ReplayCache::template_database() const {
    return cached_data_.empty() ? std::string() : replay_database;
}

void ReplayCache::snapshot(scratch::ScratchServer& server, const ModelSource& replayed) {
    if (!enabled_ || cached_files_ == chain_.size() || !replayed.scratch) return;
    server.execute_admin(fmt::format("CREATE DATABASE {} TEMPLATE \"{}\"", next_replay_database,
                                     replayed.scratch->name()));
    snapshot_taken_ = true;
}

void ReplayCache::keep(scratch::ScratchServer& server) {
    if (!snapshot_taken_ || server.embedded() == nullptr) return;
    server.execute_admin(fmt::format("DROP DATABASE IF EXISTS {}", replay_database));
    server.execute_admin(
        fmt::format("ALTER DATABASE {} RENAME TO {}", next_replay_database, replay_database));
    fs::path replays = root_ / "replays";
    fs::path slot = replays / (slot_prefix + chain_.back());
    server.embedded()->keep_data(slot);
    std::error_code error;
    fs::last_write_time(slot, fs::file_time_type::clock::now(), error);
    trim(replays, kept_replays);
    snapshot_taken_ = false;
}

}  // namespace driftless::cli
