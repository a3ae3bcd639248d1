#pragma once
// `driftless inspect`: a live schema written as schema-as-code files that a person would keep
// and review. One directory per schema; inside it one file per table (with its partitions,
// constraints, indexes, triggers, policies and comments), per view and per routine name, and
// one file each for the schema's types and standalone sequences. Schemas and extensions get
// a file each at the top. Files are loaded in dependency order by driftless's own loader, so
// no file needs to come before another.
#include <map>
#include <string>

#include "model/schema.hpp"

namespace driftless::inspect {

// Relative path ("app/tables/users.sql") → file content. Byte-identical for equal models.
// Throws InputError for an object the model cannot describe well enough to write back
// (a foreign table: its server and options are not read).
std::map<std::string, std::string> render_schema_files(const model::Schema& schema);

}  // namespace driftless::inspect
