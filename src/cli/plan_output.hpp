#pragma once
// How a plan is shown: a review summary (text, colored on a terminal), runnable SQL, or JSON
// (a stable contract: {"changes": [{"action", "object", "summary", "steps": [{"sql",
// "transactional", "hazards"}]}], "hazards": [...]}).
#include <nlohmann/json.hpp>

#include <string>

#include "diff/plan.hpp"

namespace driftless::cli {

std::string plan_summary(const diff::Plan& plan, bool color);
// What `psql -v ON_ERROR_STOP=1 -f` runs as it stands: the transactional statements in one
// BEGIN … COMMIT, then the others outside any transaction block.
std::string plan_sql(const diff::Plan& plan);
nlohmann::json plan_json(const diff::Plan& plan);

}  // namespace driftless::cli
