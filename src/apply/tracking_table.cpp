#include "apply/tracking_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "apply/migration_files.hpp"
#include "emit/quote.hpp"
#include "parser/sql_text.hpp"
#include "util/error.hpp"

namespace driftless::apply {

TrackingTable::TrackingTable(const std::string& configured_name) {
    std::string parsed = parser::read_identifier(configured_name);
    auto dot = parsed.find('.');
    if (parsed.empty() ||
        parsed.find('.', dot == std::string::npos ? 0 : dot + 1) != std::string::npos) {
        throw InputError(
            fmt::format("tracking_table `{}`: expected table or schema.table", configured_name));
    }
    name_ = dot == std::string::npos
                ? model::QualifiedName{"public", parsed}
                : model::QualifiedName{parsed.substr(0, dot), parsed.substr(dot + 1)};
    quoted_ = emit::quote_qualified(name_);
}

void TrackingTable::ensure(db::Session& session) const {
    session.execute(fmt::format(
        "CREATE SCHEMA IF NOT EXISTS {schema};\n"
        "CREATE TABLE IF NOT EXISTS {table} (version text PRIMARY KEY);\n"
        // dbmate's table has only `version`: the rest is added, so adoption is in place.
        "ALTER TABLE {table} ADD COLUMN IF NOT EXISTS name text,\n"
        "  ADD COLUMN IF NOT EXISTS checksum text,\n"
        "  ADD COLUMN IF NOT EXISTS applied_at timestamptz DEFAULT now(),\n"
        "  ADD COLUMN IF NOT EXISTS execution_ms integer,\n"
        "  ADD COLUMN IF NOT EXISTS applied_by text DEFAULT current_user,\n"
        "  ADD COLUMN IF NOT EXISTS statements_done integer",
        fmt::arg("schema", emit::quote_identifier(name_.schema)), fmt::arg("table", quoted_)));
    // golang-migrate's `dirty boolean NOT NULL` would refuse driftless's rows.
    auto dirty = session.query(
        fmt::format("SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = {}::regclass "
                    "AND attname = 'dirty' AND NOT attisdropped",
                    emit::quote_literal(quoted_)));
    if (!dirty.empty())
        session.execute(
            fmt::format("ALTER TABLE {} ALTER COLUMN dirty SET DEFAULT false", quoted_));
}

bool TrackingTable::exists(db::Session& session) const {
    auto rows =
        session.query("SELECT to_regclass(" + emit::quote_literal(quoted_) + ") IS NOT NULL");
    return rows.at(0).at(0) == std::optional<std::string>("t");
}

std::vector<AppliedMigration> TrackingTable::read(db::Session& session) const {
    if (!exists(session)) return {};
    // Rows as JSON: a table adopted from another tool may lack every column but version
    // until ensure() runs, and read-only commands never run it.
    auto rows = session.query(fmt::format("SELECT to_jsonb(t)::text FROM {} t", quoted_));
    auto text = [](const nlohmann::json& row, const char* key) {
        if (!row.contains(key) || row[key].is_null()) return std::string();
        return row[key].is_string() ? row[key].get<std::string>() : row[key].dump();
    };
    std::vector<AppliedMigration> applied;
    applied.reserve(rows.size());
    for (const auto& raw : rows) {
        auto row = nlohmann::json::parse(raw.at(0).value_or("{}"));
        AppliedMigration migration;
        migration.version = text(row, "version");
        migration.name = text(row, "name");
        migration.checksum = text(row, "checksum");
        migration.applied_at = text(row, "applied_at");
        migration.applied_by = text(row, "applied_by");
        if (row.contains("execution_ms") && row["execution_ms"].is_number()) {
            migration.execution_ms = row["execution_ms"].get<int>();
        }
        if (row.contains("statements_done") && row["statements_done"].is_number()) {
            migration.statements_done = row["statements_done"].get<int>();
        }
        if (row.contains("dirty")) {
            if (row["dirty"] == true) {
                throw InputError(fmt::format(
                    "{}: golang-migrate marked version {} dirty: it failed part-way. Check "
                    "what of it is in the database, finish or undo it by hand, then set "
                    "dirty = false",
                    name_.display(), migration.version));
            }
            // golang-migrate keeps one row, the newest version; driftless's rows have names.
            migration.covers_older = migration.name.empty();
        }
        applied.push_back(std::move(migration));
    }
    std::sort(applied.begin(), applied.end(), [](const auto& a, const auto& b) {
        return compare_versions(a.version, b.version) < 0;
    });
    return applied;
}

// An upsert: a `transaction:false` file already has a row from its progress records.
std::string TrackingTable::insert_statement(const AppliedMigration& migration) const {
    return fmt::format(
        "INSERT INTO {} (version, name, checksum, applied_at, execution_ms, applied_by, "
        "statements_done) VALUES ({}, {}, {}, now(), {}, current_user, NULL) "
        "ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, "
        "applied_at = EXCLUDED.applied_at, execution_ms = EXCLUDED.execution_ms, "
        "applied_by = EXCLUDED.applied_by, statements_done = NULL",
        quoted_, emit::quote_literal(migration.version), emit::quote_literal(migration.name),
        emit::quote_literal(migration.checksum),
        migration.execution_ms ? std::to_string(*migration.execution_ms) : std::string("NULL"));
}

std::string TrackingTable::progress_statement(const AppliedMigration& migration, int done) const {
    return fmt::format(
        "INSERT INTO {} (version, name, checksum, applied_at, applied_by, statements_done) "
        "VALUES ({}, {}, {}, now(), current_user, {}) "
        "ON CONFLICT (version) DO UPDATE SET statements_done = EXCLUDED.statements_done, "
        "checksum = EXCLUDED.checksum",
        quoted_, emit::quote_literal(migration.version), emit::quote_literal(migration.name),
        emit::quote_literal(migration.checksum), done);
}

std::vector<std::string> TrackingTable::expand_statements(
    const std::vector<AppliedMigration>& applied,
    const std::vector<std::pair<std::string, std::string>>& file_versions_and_names) const {
    std::vector<std::string> statements;
    for (const auto& row : applied) {
        if (!row.covers_older) continue;
        for (const auto& [version, name] : file_versions_and_names) {
            int order = compare_versions(version, row.version);
            if (order > 0) continue;
            bool has_row = std::any_of(applied.begin(), applied.end(), [&](const auto& other) {
                return compare_versions(other.version, version) == 0;
            });
            if (order == 0) {
                statements.push_back(fmt::format("UPDATE {} SET name = {} WHERE version = {}",
                                                 quoted_, emit::quote_literal(name),
                                                 emit::quote_literal(row.version)));
            } else if (!has_row) {
                statements.push_back(
                    fmt::format("INSERT INTO {} (version, name, checksum, applied_at, applied_by) "
                                "VALUES ({}, {}, '', NULL, 'golang-migrate')",
                                quoted_, emit::quote_literal(version), emit::quote_literal(name)));
            }
        }
    }
    return statements;
}

std::string TrackingTable::delete_statement(const std::string& version) const {
    return fmt::format("DELETE FROM {} WHERE version = {}", quoted_, emit::quote_literal(version));
}

}  // namespace driftless::apply
