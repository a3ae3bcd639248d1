#pragma once
// Internal to src/diff: range types, extended statistics and rewrite rules (diff_extras.cpp).
#include "diff/diff_context.hpp"

namespace driftless::diff {

void diff_statistics_and_rules(DiffContext& context);
// diff_privileges.cpp: GRANT / REVOKE; runs last, as it needs to know what the plan recreates.
void diff_privileges(DiffContext& context);

}  // namespace driftless::diff
