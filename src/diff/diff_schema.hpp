#pragma once
// Schema × Schema → Plan: what turns `from` into `to`. Objects are matched by identity
// (kind, schema, name, owning table, arguments) through hash lookups, so the work is linear
// in the number of objects. Renames are not guessed: without a renamed-from annotation an
// object that changed its name is dropped and created, with the hazards that carries.
#include "diff/plan.hpp"
#include "model/schema.hpp"

namespace driftless::diff {

struct DiffOptions {
    // Online-safe patterns (CONCURRENTLY, NOT VALID then VALIDATE) for tables that exist on
    // both sides; off, plain statements (for scratch databases and tests of the plain form).
    bool online = true;
};

// Whether two models are the same up to the order of table columns: ADD COLUMN appends, and
// PostgreSQL cannot move a column, so a column added in the middle of a CREATE TABLE lands
// last in the database (as with every other migration tool).
bool same_schema(const model::Schema& a, const model::Schema& b);

Plan diff_schemas(const model::Schema& from, const model::Schema& to, const DiffOptions& options = {});

}  // namespace driftless::diff
