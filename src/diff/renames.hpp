#pragma once
// Renames the schema files ask for with `-- driftless:renamed-from old_name` (tables, columns,
// indexes, constraints). Without an annotation the diff never guesses a rename: a table or
// column that disappears while another appears is a drop and an add, and says so.
//
// A rename applies only when the old object exists on the `from` side, the new name does not
// exist there yet and does exist on the `to` side: once it has run, the annotation is inert
// and may stay in the files. The plan is made by running the renames on the `from` database
// in a transaction that is rolled back and diffing what the server then shows (see
// renames_in_database.hpp), so views, index and constraint definitions that mention the old
// names come out exactly as PostgreSQL renders them after the rename.
#include <string>
#include <vector>

#include "diff/plan.hpp"
#include "model/schema.hpp"
#include "parser/statement.hpp"

namespace driftless::diff {

enum class RenameKind { table, column, index, constraint, sequence };

// One annotation, with the names of the `to` side.
struct RenameHint {
    RenameKind kind = RenameKind::table;
    model::QualifiedName table;  // the table, by its new name (for an index, its own schema)
    std::string name;            // the new name of the column, index or constraint
    std::string old_name;
    std::string location;  // file:line:col of the statement it annotates
};

std::vector<RenameHint> rename_hints(const std::vector<parser::Statement>& statements);

struct Rename {
    RenameKind kind = RenameKind::table;
    model::ObjectId object;  // the object by its new name
    std::string summary;     // "~ rename table public.people → users"
    std::string sql;         // ALTER … RENAME …;
    std::string undo_sql;    // the rename back
};

// The annotated renames that apply from `from` toward `to`, tables first (the others use
// the tables' new names).
std::vector<Rename> hinted_renames(const model::Schema& from, const model::Schema& to,
                                   const std::vector<RenameHint>& hints);

// Names PostgreSQL derived from the old table or column names (people_pkey,
// people_email_key, people_id_seq, people_email_idx …) follow the rename: a constraint, index
// or owned sequence of a renamed table (or of a table with a renamed column) that is missing
// on the `to` side, where a twin with the same definition and another name is missing on
// the `from` side, is renamed rather than dropped and built again.
std::vector<Rename> follow_up_renames(const model::Schema& renamed, const model::Schema& to,
                                      const std::vector<Rename>& done);

// The renames as the first changes of a plan.
void prepend_renames(Plan& plan, const std::vector<Rename>& renames);
// The steps that undo the renames, last rename first.
std::vector<Step> undo_steps(const std::vector<Rename>& renames);

}  // namespace driftless::diff
