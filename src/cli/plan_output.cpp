#include "cli/plan_output.hpp"
#include <algorithm>

namespace driftless::cli {

namespace {

const char* action_name(diff::Action action) {
    switch (action) {
        case diff::Action::create:
            return "create";
        case diff::Action::drop:
            return "drop";
        case diff::Action::alter:
            return "alter";
    }
    return "alter";
}

std::string hazard_list(const std::vector<diff::Hazard>& hazards) {
    std::string text;
    for (auto hazard : hazards) text += (text.empty() ? "" : ", ") + std::string(diff::hazard_name(hazard));
    return text;
}

}  // namespace

std::string plan_summary(const diff::Plan& plan, bool color) {
    std::string text;
    for (const auto& change : plan.changes) {
        std::vector<diff::Hazard> hazards;
        for (const auto& step : change.steps) hazards.insert(hazards.end(), step.hazards.begin(), step.hazards.end());
        std::sort(hazards.begin(), hazards.end());
        hazards.erase(std::unique(hazards.begin(), hazards.end()), hazards.end());
        std::string line = change.summary;
        if (color) {
            const char* code = change.action == diff::Action::create ? "\033[32m"
                               : change.action == diff::Action::drop ? "\033[31m"
                                                                     : "\033[33m";
            line = code + line + "\033[0m";
        }
        if (!hazards.empty()) line += "  [" + hazard_list(hazards) + "]";
        text += line + "\n";
    }
    return text;
}

std::string plan_sql(const diff::Plan& plan) {
    auto steps = diff::split_steps(plan);
    std::string text;
    if (!steps.transactional.empty()) {
        text += "BEGIN;\n";
        for (const auto& sql : steps.transactional) text += sql + "\n";
        text += "COMMIT;\n";
    }
    if (!steps.outside_transaction.empty()) {
        if (!text.empty()) text += "\n";
        text += "-- outside a transaction, one by one:\n";
        for (const auto& sql : steps.outside_transaction) text += sql + "\n";
    }
    return text;
}

nlohmann::json plan_json(const diff::Plan& plan) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& change : plan.changes) {
        nlohmann::json steps = nlohmann::json::array();
        for (const auto& step : change.steps) {
            nlohmann::json hazards = nlohmann::json::array();
            for (auto hazard : step.hazards) hazards.push_back(diff::hazard_name(hazard));
            steps.push_back({{"sql", step.sql}, {"transactional", step.transactional}, {"hazards", hazards}});
        }
        changes.push_back({{"action", action_name(change.action)},
                           {"object", change.object.display()},
                           {"summary", change.summary},
                           {"steps", steps}});
    }
    nlohmann::json hazards = nlohmann::json::array();
    for (auto hazard : plan.hazards()) hazards.push_back(diff::hazard_name(hazard));
    return {{"changes", changes}, {"hazards", hazards}};
}

}  // namespace driftless::cli
