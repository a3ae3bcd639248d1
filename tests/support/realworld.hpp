#pragma once
// The real-world schemas of ../shared/realworld/schemas, and the variants the tests make of
// them: those files come from pg_dump and other projects, so a few statements that do not
// belong in schema files are taken out here (and nowhere else), with the reason beside each.
#include <filesystem>
#include <string>

#include "parser/source_files.hpp"

namespace driftless::testing {

std::filesystem::path realworld_schema(const std::string& file_name);
// False (with a WARN saying the test skipped) when ../shared is absent.
bool have_realworld_schemas();

// northwind.sql without its `DROP TABLE IF EXISTS` lines (DROP is refused in schema files).
parser::SourceFile northwind_without_drops();
// graphile-starter.sql without its prelude, a DO block creating two roles (code is refused
// in schema files, and roles belong to the server): the roles are created on the tests'
// server instead, by this call.
parser::SourceFile graphile_starter_without_role_prelude();

}  // namespace driftless::testing
