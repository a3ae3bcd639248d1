#include "diff/plan.hpp"

#include <algorithm>

namespace driftless::diff {

const char* hazard_name(Hazard hazard) {
    switch (hazard) {
        case Hazard::deletes_data:
            return "DELETES_DATA";
        case Hazard::table_rewrite:
            return "TABLE_REWRITE";
        case Hazard::access_exclusive_lock:
            return "ACCESS_EXCLUSIVE_LOCK";
        case Hazard::index_build:
            return "INDEX_BUILD";
        case Hazard::index_dropped:
            return "INDEX_DROPPED";
        case Hazard::not_reversible:
            return "NOT_REVERSIBLE";
        case Hazard::untracked_dependency:
            return "UNTRACKED_DEPENDENCY";
    }
    return "UNKNOWN";
}

std::vector<Hazard> Plan::hazards() const {
    std::vector<Hazard> all;
    for (const auto& change : changes) {
        for (const auto& step : change.steps) all.insert(all.end(), step.hazards.begin(), step.hazards.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

MigrationText split_steps(const Plan& plan) {
    MigrationText text;
    for (const auto& change : plan.changes) {
        for (const auto& step : change.steps)
            (step.transactional ? text.transactional : text.outside_transaction).push_back(step.sql);
    }
    return text;
}

}  // namespace driftless::diff
