#pragma once
// How many objects of each kind a database holds (the user's objects only: no system
// schemas, nothing that belongs to an extension). One query.
#include <map>
#include <string>

#include "db/session.hpp"

namespace driftless::catalog {

// Kind name ("tables", "views", "functions", …) → count, zero counts left out.
std::map<std::string, long> count_objects(db::Session& session);

}  // namespace driftless::catalog
