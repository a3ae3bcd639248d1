#pragma once
// The table that records which migrations ran: version, name, checksum, when, how long, by
// whom, and how far a `transaction:false` file got. Created when missing; dbmate's
// `schema_migrations(version)` and golang-migrate's `schema_migrations(version bigint, dirty)`
// are adopted in place by adding the columns they lack, so a project can switch runners
// without losing its history.
#include <optional>
#include <utility>
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
    // A `transaction:false` file that stopped part-way: how many of its statements are done.
    std::optional<int> statements_done;
    // golang-migrate's single row: this version and every older one are applied.
    bool covers_older = false;
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
    // table does not exist yet (read-only commands never create it). InputError when
    // golang-migrate marked a version dirty (it failed half-way and needs a person).
    std::vector<AppliedMigration> read(db::Session& session) const;
    // The statement that records one migration as complete (insert or update), to run in
    // the migration's own transaction.
    std::string insert_statement(const AppliedMigration& migration) const;
    // Records that the first `done` statements of a `transaction:false` file have run.
    std::string progress_statement(const AppliedMigration& migration, int done) const;
    // golang-migrate's single row stands for every version up to it: the statements that
    // give each of those files a row of its own (without checksum, as adopted), so the
    // table then reads like driftless's own. Empty when there is no such row.
    std::vector<std::string> expand_statements(const std::vector<AppliedMigration>& applied,
                                               const std::vector<std::pair<std::string, std::string>>&
                                                   file_versions_and_names) const;
    std::string delete_statement(const std::string& version) const;

  private:
    model::QualifiedName name_;
    std::string quoted_;
};

}  // namespace driftless::apply
