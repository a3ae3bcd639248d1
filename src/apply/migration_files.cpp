#include "apply/migration_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>

#include "apply/digest.hpp"
#include "apply/migration_sections.hpp"
#include "parser/diagnostic.hpp"
#include "parser/source_files.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace fs = std::filesystem;

namespace {

// One migration as the file names describe it, before any file is read.
struct Candidate {
    std::string version;
    std::string name;
    fs::path up_path;
    std::optional<fs::path> down_path;
    bool pair = false;           // golang-migrate style: no sections in the files
    bool up_autocommit = false;  // ory/pop `.autocommit.`: runs outside a transaction
    bool down_autocommit = false;
    bool up_for_postgres = false;  // the up file names the postgres dialect
    bool down_for_postgres = false;
};

// ory/pop (kratos, hydra) names files `<version>_<name>[.<dialect>][.autocommit].up.sql`; a
// dialect-specific file wins over a generic one, and files of other databases are skipped.
struct PairName {
    std::string version, name, dialect;
    bool autocommit = false, up = false;
};

std::optional<PairName> parse_pair_name(const std::string& file_name) {
    static const std::regex pattern(
        R"(^([0-9]+)_(.+?)(\.(postgres|cockroach|mysql|sqlite3|mssql))?(\.autocommit)?\.(up|down)\.sql$)");
    std::smatch match;
    if (!std::regex_match(file_name, match, pattern)) return std::nullopt;
    return PairName{match[1], match[2], match[4], match[5].matched, match[6] == "up"};
}

std::vector<fs::path> sql_files(const fs::path& dir) {
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        throw InputError(fmt::format("{}: no such directory", dir.string()));
    }
    std::vector<fs::path> files;
    for (auto it = fs::directory_iterator(dir, error); !error && it != fs::directory_iterator();
         it.increment(error)) {
        if (it->is_regular_file() && it->path().extension() == ".sql") files.push_back(it->path());
    }
    if (error) throw InputError(fmt::format("{}: {}", dir.string(), error.message()));
    // Byte order of names: diagnostics and duplicate reports read the same on every machine.
    std::sort(files.begin(), files.end());
    return files;
}

// Groups the file names into migrations; misnamed files, orphan down files and duplicate
// versions are reported.
std::vector<Candidate> group_files(const std::vector<fs::path>& files,
                                   std::vector<parser::Diagnostic>& diagnostics) {
    static const std::regex dbmate_name(R"(^([0-9]+)_(.+)\.sql$)");
    std::vector<Candidate> candidates;
    std::map<std::pair<std::string, std::string>, Candidate> pairs;  // (version, name) → files
    for (const auto& path : files) {
        std::string file_name = path.filename().string();
        std::smatch match;
        if (auto parsed = parse_pair_name(file_name)) {
            if (!parsed->dialect.empty() && parsed->dialect != "postgres") continue;
            bool for_postgres = parsed->dialect == "postgres";
            Candidate& pair = pairs[{parsed->version, parsed->name}];
            pair.version = parsed->version;
            pair.name = parsed->name;
            pair.pair = true;
            bool& taken_for_postgres = parsed->up ? pair.up_for_postgres : pair.down_for_postgres;
            bool taken = parsed->up ? !pair.up_path.empty() : pair.down_path.has_value();
            if (taken && taken_for_postgres == for_postgres) {
                diagnostics.push_back(
                    {path.string(), 1, 1,
                     fmt::format("{} file of {}_{} given twice", parsed->up ? "up" : "down",
                                 parsed->version, parsed->name)});
                continue;
            }
            if (taken && taken_for_postgres) continue;  // the generic file loses
            taken_for_postgres = for_postgres;
            if (parsed->up) {
                pair.up_path = path;
                pair.up_autocommit = parsed->autocommit;
            } else {
                pair.down_path = path;
                pair.down_autocommit = parsed->autocommit;
            }
        } else if (std::regex_match(file_name, match, dbmate_name)) {
            candidates.push_back({match[1], match[2], path, std::nullopt});
        } else {
            diagnostics.push_back({path.string(), 1, 1,
                                   "not a migration file name: expected <version>_<name>.sql "
                                   "or <version>_<name>.up.sql / .down.sql (version = digits)"});
        }
    }
    for (auto& [key, pair] : pairs) {
        if (pair.up_path.empty()) {
            diagnostics.push_back({pair.down_path->string(), 1, 1,
                                   fmt::format("down migration without its up file {}_{}.up.sql",
                                               pair.version, pair.name)});
        } else {
            candidates.push_back(std::move(pair));
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        int order = compare_versions(a.version, b.version);
        return order != 0 ? order < 0 : a.up_path < b.up_path;
    });
    // 001 and 1 are the same version to golang-migrate and ambiguous to a reader: refused too.
    for (std::size_t i = 1; i < candidates.size(); ++i) {
        if (compare_versions(candidates[i - 1].version, candidates[i].version) == 0) {
            diagnostics.push_back(
                {candidates[i].up_path.string(), 1, 1,
                 fmt::format("version {} is also used by {}", candidates[i].version,
                             candidates[i - 1].up_path.filename().string())});
        }
    }
    return candidates;
}

Migration read_candidate(Candidate candidate, std::vector<parser::Diagnostic>& diagnostics) {
    Migration migration;
    migration.version = std::move(candidate.version);
    migration.name = std::move(candidate.name);
    migration.up_path = std::move(candidate.up_path);
    migration.down_path = std::move(candidate.down_path);
    parser::SourceFile up = parser::read_source_file(migration.up_path);
    std::string bytes = up.text;
    if (candidate.pair) {
        migration.up = parse_whole_file(up.display_path, up.text, diagnostics);
        migration.up.transactional = !candidate.up_autocommit;
        if (migration.down_path) {
            parser::SourceFile down = parser::read_source_file(*migration.down_path);
            migration.down = parse_whole_file(down.display_path, down.text, diagnostics);
            migration.down->transactional = !candidate.down_autocommit;
            bytes += down.text;
        } else {
            // As golang-migrate and ory/pop do: no down file is a down that runs nothing.
            migration.down = Section{};
            migration.down->transactional = !candidate.up_autocommit;
        }
    } else {
        DbmateSections sections = parse_dbmate_file(up.display_path, up.text, diagnostics);
        if (sections.up) migration.up = std::move(*sections.up);
        migration.down = std::move(sections.down);
    }
    migration.checksum = sha256_hex(bytes);
    return migration;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
    a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
    b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

MigrationSet read_migrations(const fs::path& dir) {
    std::vector<parser::Diagnostic> diagnostics;
    MigrationSet set;
    set.directory = dir;
    for (auto& candidate : group_files(sql_files(dir), diagnostics)) {
        set.migrations.push_back(read_candidate(std::move(candidate), diagnostics));
    }
    if (!diagnostics.empty()) throw parser::SourceErrors(std::move(diagnostics));
    return set;
}

}  // namespace driftless::apply
