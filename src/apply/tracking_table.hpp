#pragma once
// The table that records which migrations ran: version, name, checksum, when, how long, by
// whom. Created when missing; dbmate's `schema_migrations(version)` is adopted in place by
// adding the columns it lacks, so a project can switch runners without losing its history.
#include <optional>
#include <string>
#include <vector>

#include "db/session.hpp"
#include "model/qualified_name.hpp"

namespace driftless::apply {

struct AppliedMigration {
    std::string version;
    std::string name;
    std::string checksum;  // empty for rows adopted from another tool
    std::string applied_at;
    std::optional<int> execution_ms;
    std::string applied_by;
};

class TrackingTable {
  public:
    // `schema.table` or `table` (public), quoted parts allowed. InputError when malformed.
    explicit TrackingTable(const std::string& configured_name);

    const model::QualifiedName& name() const { return name_; }
    // Creates the table, or adds the columns an adopted table lacks. Idempotent.
    void ensure(db::Session& session) const;
    bool exists(db::Session& session) const;
    // Applied migrations in version order (numeric: shorter versions first); none when the
    // table does not exist yet (read-only commands never create it).
    std::vector<AppliedMigration> read(db::Session& session) const;
    // The statement that records one migration, to run in the migration's own transaction.
    std::string insert_statement(const AppliedMigration& migration) const;
    std::string delete_statement(const std::string& version) const;

  private:
    model::QualifiedName name_;
    std::string quoted_;
};

}  // namespace driftless::apply
