#pragma once
// How a column is written inside CREATE TABLE and after ADD COLUMN: shared by `inspect` and
// the diff, so a column reads the same in a schema file and in a generated migration.
#include <string>

#include "model/table.hpp"

namespace driftless::inspect {

// "GENERATED ALWAYS AS IDENTITY (START WITH 10)": only the options PostgreSQL would not pick.
std::string identity_clause(const model::Column& column);
// "email text COLLATE \"C\" NOT NULL DEFAULT …", the name quoted as needed.
std::string column_definition(const model::Column& column);

}  // namespace driftless::inspect
