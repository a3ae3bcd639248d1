#pragma once
// Internal to src/diff: range types and extended statistics (diff_extras.cpp).
#include "diff/diff_context.hpp"

namespace driftless::diff {

void diff_types_and_statistics(DiffContext& context);
// diff_privileges.cpp: GRANT / REVOKE; runs last, as it needs to know what the plan recreates.
void diff_privileges(DiffContext& context);

}  // namespace driftless::diff
