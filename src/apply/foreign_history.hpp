#pragma once
// The migration history other tools keep in the database, read so that `driftless baseline`
// can take over from them: dbmate, golang-migrate, node-pg-migrate, Prisma Migrate and
// Flyway. Each table is read through to_jsonb, so its column types do not matter, and each
// applied entry is mapped to a driftless version (digits only).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/session.hpp"

namespace driftless::apply {

enum class HistoryTool { dbmate, golang_migrate, node_pg_migrate, prisma, flyway };

// "dbmate", "golang-migrate", "node-pg-migrate", "prisma", "flyway".
const char* tool_name(HistoryTool tool);
// InputError naming the known tools when name is none of them.
HistoryTool parse_history_tool(std::string_view name);
// The table the tool creates when not told otherwise, unqualified (found in the search path).
const char* default_history_table(HistoryTool tool);

// A history table as the user named it (`table` or `schema.table`, quoted parts allowed).
struct HistoryTableName {
    std::string schema;  // empty: looked up in the search path, as the tool itself does
    std::string name;
    std::string quoted() const;   // for SQL
    std::string display() const;  // for messages
};
// InputError when malformed.
HistoryTableName parse_history_table(const std::string& text);

// One migration the tool applied.
struct ForeignVersion {
    std::string version;     // digits
    std::string applied_at;  // as the server prints it; empty when the tool keeps no time
    std::string row;         // the row it came from, for messages
};

struct ForeignHistory {
    HistoryTool tool = HistoryTool::dbmate;
    std::string table;  // as displayed in messages
    // Each applied version once, in version order.
    std::vector<ForeignVersion> applied;
    // golang-migrate keeps only the newest version, and a Flyway baseline stands for every
    // version up to its own: every version <= this one counts as applied.
    std::optional<std::string> applied_through;
};

// Whether the table exists, for the tool's table or one given with --from-table.
bool history_table_exists(db::Session& session, const HistoryTableName& table);

// Reads the tool's history. InputError (exit 2) when the table is missing or lacks the
// tool's columns, when an entry cannot be mapped to a digit version (naming the row), and
// when the history says a migration failed half-way (golang-migrate's dirty flag, a failed
// Flyway row, a Prisma migration neither finished nor rolled back).
ForeignHistory read_foreign_history(db::Session& session, HistoryTool tool,
                                    const HistoryTableName& table);

}  // namespace driftless::apply
