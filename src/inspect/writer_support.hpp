#pragma once
// Shared pieces of the inspect writers: the file builder, text helpers for server-rendered
// definitions, file naming, and an index from tables to the objects that live in their files.
// Internal to src/inspect.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"

namespace driftless::inspect {

// Statements that belong together, written without blank lines between them.
using Group = std::vector<std::string>;

// One output file: a one-line header comment, then groups separated by blank lines.
class SqlFile {
  public:
    explicit SqlFile(std::string header) : header_(std::move(header)) {}
    void add(Group group);  // empty groups are dropped, so callers need not check
    bool empty() const { return groups_.empty(); }
    std::string text() const;

  private:
    std::string header_;
    std::vector<Group> groups_;
};

// ---- text helpers (sql_text.cpp) ----

// A server rendering made into a statement: trailing whitespace dropped, ';' added unless
// it already ends with one.
std::string terminated(std::string_view definition);

// The expression inside one pair of parentheses, reusing the pair the server printed when
// it already encloses the whole expression (pg_get_expr often does), so the output reads
// `CHECK (a > 0)` rather than `CHECK ((a > 0))`.
std::string parenthesized(std::string_view expression);

// `COMMENT ON <object> IS '<text>';`
std::string comment_on(std::string_view object, std::string_view text);

// Storage parameters ("fillfactor=70") as the body of a WITH (…) list.
std::string option_list(const std::vector<std::string>& options);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// ---- privileges (write_privileges.cpp) ----

// GRANT / REVOKE statements that give `target` (what follows ON: `TABLE app.t`) the ACL it
// was read with, from its kind's defaults (`default_public`: "X" routines, "U" types); none
// for an empty ACL. `column` (quoted) makes them column privileges.
Group privilege_statements(std::string_view target, const std::vector<std::string>& acl,
                           std::string_view default_public, std::string_view column = {});
// A table's privileges and its columns'.
Group table_privileges(const model::Table& table);

// ---- sequences (write_sequences.cpp) ----

// Option clauses ("START WITH 5", "NO MAXVALUE", …). `complete` writes every option, as
// CREATE SEQUENCE does; otherwise only those that differ from what PostgreSQL would pick, as
// an identity column's option list does.
std::vector<std::string> sequence_clauses(const model::SequenceOptions& options, bool complete);

std::string create_sequence(const model::Sequence& sequence);

// ---- file names (file_names.cpp) ----

// The name with everything but [A-Za-z0-9_.-] replaced by '_' (one '_' per UTF-8
// character), a leading '.' replaced too (no hidden files), "_" for the empty name.
std::string safe_file_stem(std::string_view name);

// Entry names in one directory for the given object names: safe stem + suffix, unique even
// on case-insensitive file systems and never equal to a reserved entry (compared
// lower-cased). When stems collide, the name equal to its lower-cased stem keeps it, then
// byte order decides; the others get "_2", "_3", … Deterministic for the same set of names.
std::map<std::string, std::string> assign_entry_names(const std::set<std::string>& names,
                                                      std::string_view suffix,
                                                      const std::set<std::string>& reserved = {});

// ---- lookups (model_index.cpp) ----

// What a table's file holds besides the table itself. Pointers into the Schema being
// written, each list sorted by name.
struct TableParts {
    std::vector<const model::Constraint*> constraints;
    std::vector<const model::Index*> indexes;     // on tables and materialized views
    std::vector<const model::Trigger*> triggers;  // on tables and views (INSTEAD OF)
    std::vector<const model::Policy*> policies;
    std::vector<const model::ExtendedStatistics*> statistics;  // tables and materialized views
    std::vector<const model::Rule*> rules;                     // tables and views
    std::vector<const model::Sequence*> owned_sequences;  // sequences OWNED BY a column
    std::vector<const model::Table*> partitions;          // direct partitions
};

class ModelIndex {
  public:
    explicit ModelIndex(const model::Schema& schema);
    const model::Table* table(const model::QualifiedName& name) const;
    const TableParts& parts(const model::QualifiedName& table_or_view) const;
    // Whether the sequence is written in its owning table's file (the table is in the model).
    bool written_with_table(const model::Sequence& sequence) const;

  private:
    std::map<model::QualifiedName, const model::Table*> tables_;
    std::map<model::QualifiedName, TableParts> parts_;
    TableParts none_;
};

// ---- per-kind files ----

std::string write_table_file(const model::Table& table, const ModelIndex& index);
std::string write_view_file(const model::View& view, const ModelIndex& index);
std::string write_routine_file(const std::vector<const model::Function*>& overloads);

struct SchemaTypes {
    std::vector<const model::EnumType*> enums;
    std::vector<const model::Domain*> domains;
    std::vector<const model::CompositeType*> composites;
    std::vector<const model::RangeType*> ranges;
    bool empty() const {
        return enums.empty() && domains.empty() && composites.empty() && ranges.empty();
    }
};
std::string write_types_file(const std::string& schema, const SchemaTypes& types);
std::string write_sequences_file(const std::string& schema,
                                 const std::vector<const model::Sequence*>& sequences);

// Table sections shared by write_table.cpp and write_table_details.cpp.
Group column_alters(const model::Table& table, const ModelIndex& index);
Group constraint_alters(const model::Table& table, const TableParts& parts);
Group index_statements(const TableParts& parts);  // tables and materialized views
Group index_comments(const TableParts& parts);
Group trigger_statements(const model::QualifiedName& relation,
                         const TableParts& parts);  // tables and views
Group trigger_comments(const model::QualifiedName& relation, const TableParts& parts);
Group policy_statements(const model::Table& table, const TableParts& parts);
Group table_comments(const model::Table& table, const TableParts& parts);

// Replica identity, rules and extended statistics (write_table_extras.cpp).
Group replica_identity_statement(const model::Table& table);  // only when not the default
Group rule_statements(const model::QualifiedName& relation, const TableParts& parts,
                      bool is_table);  // tables and views; views cannot disable a rule
Group rule_comments(const model::QualifiedName& relation, const TableParts& parts);
Group statistics_statements(const TableParts& parts);  // tables and materialized views
Group statistics_comments(const TableParts& parts);

// Whether a constraint is written inside CREATE TABLE (validated, not a foreign key, not
// inherited); the rest that are not inherited become ALTER TABLE … ADD CONSTRAINT.
bool inline_constraint(const model::Constraint& constraint);

// Whether an index is written (valid, and not attached to a partitioned parent's index).
bool written_index(const model::Index& index);

}  // namespace driftless::inspect
