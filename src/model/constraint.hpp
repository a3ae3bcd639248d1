#pragma once
// Table constraints: primary keys, unique, foreign keys, checks, exclusions. NOT NULL lives
// on the column. The server renders the definition; the fields beside it are parsed facts
// the diff and the online-safe emitter need without re-reading SQL text.
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

enum class ConstraintKind { primary_key, unique, foreign_key, check, exclusion };

struct Constraint {
    QualifiedName table;
    std::string name;
    ConstraintKind kind = ConstraintKind::check;
    std::string definition;  // pg_get_constraintdef, e.g. "FOREIGN KEY (a) REFERENCES t(id) ON
                             // DELETE CASCADE"
    std::vector<std::string> columns;         // conkey names, in key order
    std::optional<QualifiedName> references;  // foreign keys: the referenced table
    bool deferrable = false;
    bool initially_deferred = false;
    bool validated = true;   // false for NOT VALID
    bool inherited = false;  // comes from a parent (partition); not emitted
    std::optional<std::string> comment;
    bool operator==(const Constraint&) const = default;
};

}  // namespace driftless::model
