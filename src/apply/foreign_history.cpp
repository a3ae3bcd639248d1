#include "apply/foreign_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "apply/migration_files.hpp"
#include "emit/quote.hpp"
#include "parser/sql_text.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace {

using Json = nlohmann::json;

struct VersionLess {
    bool operator()(const std::string& a, const std::string& b) const {
        return compare_versions(a, b) < 0;
    }
};

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

std::string leading_digits(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    return std::string(text.substr(0, end));
}

// A column's value as text whatever its type: "" for NULL or absent.
std::string field(const Json& row, const char* key) {
    if (!row.contains(key) || row[key].is_null()) return {};
    return row[key].is_string() ? row[key].get<std::string>() : row[key].dump();
}

bool is_null(const Json& row, const char* key) {
    return !row.contains(key) || row[key].is_null();
}

bool truthy(const Json& row, const char* key) {
    if (is_null(row, key)) return false;
    const Json& value = row[key];
    if (value.is_boolean()) return value.get<bool>();
    if (value.is_number()) return value.dump() != "0";
    std::string text = field(row, key);
    return text == "t" || text == "true" || text == "1";
}

// Problems found in the rows, reported together.
class Problems {
  public:
    explicit Problems(std::string heading) : heading_(std::move(heading)) {}
    void add(std::string problem) { lines_ += "\n  " + problem; }
    void throw_if_any() const {
        if (!lines_.empty()) throw InputError(heading_ + lines_);
    }

  private:
    std::string heading_;
    std::string lines_;
};

std::vector<std::string> columns_of(db::Session& session, const HistoryTableName& table) {
    auto rows = session.query(
        fmt::format("SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass({}) "
                    "AND attnum > 0 AND NOT attisdropped",
                    emit::quote_literal(table.quoted())));
    std::vector<std::string> columns;
    for (const auto& row : rows) columns.push_back(row.at(0).value_or(""));
    return columns;
}

const std::vector<const char*>& required_columns(HistoryTool tool) {
    static const std::vector<const char*> dbmate{"version"};
    static const std::vector<const char*> golang{"version", "dirty"};
    static const std::vector<const char*> node{"name"};
    static const std::vector<const char*> prisma{"migration_name", "finished_at", "rolled_back_at"};
    static const std::vector<const char*> flyway{"installed_rank", "version", "type", "success"};
    switch (tool) {
        case HistoryTool::dbmate:
            return dbmate;
        case HistoryTool::golang_migrate:
            return golang;
        case HistoryTool::node_pg_migrate:
            return node;
        case HistoryTool::prisma:
            return prisma;
        case HistoryTool::flyway:
            return flyway;
    }
    return dbmate;
}

// Each version once: a later entry for the same version replaces an earlier one.
using VersionMap = std::map<std::string, ForeignVersion, VersionLess>;

void read_dbmate(const std::vector<Json>& rows, VersionMap& applied, Problems& problems) {
    for (const auto& row : rows) {
        std::string version = field(row, "version");
        std::string where = fmt::format("row version '{}'", version);
        if (!all_digits(version)) {
            problems.add(where + ": not a digit version");
            continue;
        }
        applied[version] = {version, "", where};
    }
}

// golang-migrate keeps one row: the newest version applied, and whether it failed half-way.
// Rows with a name were written by driftless after it adopted the table in place.
void read_golang_migrate(const std::vector<Json>& rows, const std::string& table,
                         ForeignHistory& history, VersionMap& applied, Problems& problems) {
    const Json* own = nullptr;
    for (const auto& row : rows) {
        std::string version = field(row, "version");
        if (truthy(row, "dirty")) {
            throw InputError(fmt::format(
                "golang-migrate's {} says version {} is dirty: that migration failed half-way. "
                "Repair the database by hand, mark it clean with `migrate force VERSION`, then "
                "run baseline again",
                table, version));
        }
        if (field(row, "name").empty()) {
            if (own) {
                throw InputError(fmt::format(
                    "golang-migrate's {} holds more than one row: golang-migrate keeps exactly "
                    "one (the newest applied version); is it another tool's table?",
                    table));
            }
            own = &row;
        } else if (all_digits(version)) {
            applied[version] = {version, field(row, "applied_at"),
                                fmt::format("row version {}", version)};
        }
    }
    if (!own) return;  // nothing applied yet
    std::string version = field(*own, "version");
    if (!version.empty() && version[0] == '-') return;  // golang-migrate's "no version"
    if (!all_digits(version)) {
        problems.add(fmt::format("row version '{}': not a digit version", version));
        return;
    }
    applied[version] = {version, "", fmt::format("row version {}", version)};
    history.applied_through = version;
}

// node-pg-migrate (name) and Prisma (migration_name): `<digits>_<name>`.
void read_named(const Json& row, const char* name_column, const char* time_column,
                VersionMap& applied, Problems& problems) {
    std::string name = field(row, name_column);
    std::string where = fmt::format("row {} '{}'", name_column, name);
    std::string version = leading_digits(name);
    if (version.empty()) {
        problems.add(where + ": the name does not start with a digit version");
        return;
    }
    applied[version] = {version, field(row, time_column), where};
}

void read_prisma(const std::vector<Json>& rows, VersionMap& applied, Problems& problems) {
    for (const auto& row : rows) {
        if (!is_null(row, "rolled_back_at")) continue;
        if (is_null(row, "finished_at")) {
            problems.add(fmt::format(
                "row migration_name '{}': started but neither finished nor rolled back (a "
                "failed migration); resolve it with `prisma migrate resolve` first",
                field(row, "migration_name")));
            continue;
        }
        read_named(row, "migration_name", "finished_at", applied, problems);
    }
}

void read_flyway(const std::vector<Json>& rows, ForeignHistory& history, VersionMap& applied,
                 Problems& problems) {
    // Replayed in installed_rank order: a DELETE row (repair) or an undo takes a version back.
    std::map<std::string, ForeignVersion> by_raw_version;
    std::optional<ForeignVersion> baseline;
    for (const auto& row : rows) {
        if (is_null(row, "version")) continue;  // repeatable migrations have no version
        std::string version = field(row, "version");
        std::string type = field(row, "type");
        std::string where =
            fmt::format("row installed_rank {} (version {}{})", field(row, "installed_rank"),
                        version, is_null(row, "script") ? "" : ", " + field(row, "script"));
        if (type == "SCHEMA") continue;  // the marker of a schema Flyway created
        if (!truthy(row, "success")) {
            problems.add(where +
                         ": failed; run `flyway repair` (after cleaning up what it left) "
                         "first");
            continue;
        }
        if (type == "DELETE" || type.rfind("UNDO", 0) == 0) {
            by_raw_version.erase(version);
        } else if (type == "BASELINE") {
            baseline = ForeignVersion{version, "", where};
        } else {
            by_raw_version[version] = {version, field(row, "installed_on"), where};
        }
    }
    auto digits_only = [&](const ForeignVersion& entry) {
        if (all_digits(entry.version)) return true;
        problems.add(fmt::format(
            "{}: driftless versions are digits only, so version {} cannot be mapped to a "
            "migration file{}",
            entry.row, entry.version,
            entry.version.find('.') != std::string::npos ? " (it has a dot)" : ""));
        return false;
    };
    for (const auto& [raw, entry] : by_raw_version) {
        if (digits_only(entry)) applied[entry.version] = entry;
    }
    if (baseline && digits_only(*baseline)) history.applied_through = baseline->version;
}

}  // namespace

const char* tool_name(HistoryTool tool) {
    switch (tool) {
        case HistoryTool::dbmate:
            return "dbmate";
        case HistoryTool::golang_migrate:
            return "golang-migrate";
        case HistoryTool::node_pg_migrate:
            return "node-pg-migrate";
        case HistoryTool::prisma:
            return "prisma";
        case HistoryTool::flyway:
            return "flyway";
    }
    return "unknown";
}

HistoryTool parse_history_tool(std::string_view name) {
    for (auto tool : {HistoryTool::dbmate, HistoryTool::golang_migrate,
                      HistoryTool::node_pg_migrate, HistoryTool::prisma, HistoryTool::flyway}) {
        if (name == tool_name(tool)) return tool;
    }
    throw InputError(fmt::format(
        "unknown tool `{}` (known: dbmate, golang-migrate, node-pg-migrate, prisma, flyway)",
        name));
}

const char* default_history_table(HistoryTool tool) {
    switch (tool) {
        case HistoryTool::dbmate:
        case HistoryTool::golang_migrate:
            return "schema_migrations";
        case HistoryTool::node_pg_migrate:
            return "pgmigrations";
        case HistoryTool::prisma:
            return "_prisma_migrations";
        case HistoryTool::flyway:
            return "flyway_schema_history";
    }
    return "schema_migrations";
}

std::string HistoryTableName::quoted() const {
    return schema.empty() ? emit::quote_identifier(name) : emit::quote_qualified({schema, name});
}

std::string HistoryTableName::display() const {
    return schema.empty() ? name : schema + "." + name;
}

HistoryTableName parse_history_table(const std::string& text) {
    std::string parsed = parser::read_identifier(text);
    auto dot = parsed.find('.');
    bool two_dots = dot != std::string::npos && parsed.find('.', dot + 1) != std::string::npos;
    if (parsed.empty() || two_dots || parsed.front() == '.' || parsed.back() == '.') {
        throw InputError(fmt::format("--from-table `{}`: expected table or schema.table", text));
    }
    if (dot == std::string::npos) return {"", parsed};
    return {parsed.substr(0, dot), parsed.substr(dot + 1)};
}

bool history_table_exists(db::Session& session, const HistoryTableName& table) {
    auto rows = session.query("SELECT to_regclass(" + emit::quote_literal(table.quoted()) +
                              ") IS NOT NULL");
    return rows.at(0).at(0) == std::optional<std::string>("t");
}

ForeignHistory read_foreign_history(db::Session& session, HistoryTool tool,
                                    const HistoryTableName& table) {
    ForeignHistory history;
    history.tool = tool;
    history.table = table.display();
    if (!history_table_exists(session, table)) {
        auto path = session.query("SELECT current_setting('search_path')");
        throw InputError(fmt::format(
            "{}'s history table {} does not exist{}; name it with --from-table", tool_name(tool),
            table.display(),
            table.schema.empty()
                ? " (looked up in the search path: " + path.at(0).at(0).value_or("") + ")"
                : ""));
    }
    auto columns = columns_of(session, table);
    std::string lacking;
    for (const char* column : required_columns(tool)) {
        if (std::find(columns.begin(), columns.end(), column) == columns.end())
            lacking += (lacking.empty() ? "" : ", ") + std::string(column);
    }
    if (!lacking.empty()) {
        throw InputError(fmt::format("{} has no column {}: it is not {}'s history table",
                                     table.display(), lacking, tool_name(tool)));
    }
    std::string order = tool == HistoryTool::flyway ? " ORDER BY t.installed_rank" : "";
    auto raw =
        session.query(fmt::format("SELECT to_jsonb(t)::text FROM {} t{}", table.quoted(), order));
    std::vector<Json> rows;
    rows.reserve(raw.size());
    for (const auto& row : raw) rows.push_back(Json::parse(row.at(0).value_or("{}")));

    VersionMap applied;
    Problems problems(
        fmt::format("cannot read {}'s history {}:", tool_name(tool), table.display()));
    switch (tool) {
        case HistoryTool::dbmate:
            read_dbmate(rows, applied, problems);
            break;
        case HistoryTool::golang_migrate:
            read_golang_migrate(rows, table.display(), history, applied, problems);
            break;
        case HistoryTool::node_pg_migrate:
            for (const auto& row : rows) read_named(row, "name", "run_on", applied, problems);
            break;
        case HistoryTool::prisma:
            read_prisma(rows, applied, problems);
            break;
        case HistoryTool::flyway:
            read_flyway(rows, history, applied, problems);
            break;
    }
    problems.throw_if_any();
    for (auto& [version, entry] : applied) history.applied.push_back(std::move(entry));
    return history;
}

}  // namespace driftless::apply
