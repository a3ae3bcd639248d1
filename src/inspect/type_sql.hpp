#pragma once
// Type definitions as both inspect (schema files) and the diff (migrations) write them.
#include <string>

#include "model/types.hpp"

namespace driftless::inspect {

// CREATE TYPE … AS RANGE (subtype = …, …); with only the options the server would not pick.
std::string create_range_type(const model::RangeType& type);

}  // namespace driftless::inspect
