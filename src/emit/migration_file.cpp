#include "emit/migration_file.hpp"

#include <algorithm>

namespace driftless::emit {

namespace {

bool all_transactional(const std::vector<diff::Step>& steps) {
    return std::all_of(steps.begin(), steps.end(), [](const auto& step) { return step.transactional; });
}

std::string section(const char* marker, const std::vector<diff::Step>& steps) {
    std::string text = std::string("-- migrate:") + marker +
                       (all_transactional(steps) ? "" : " transaction:false") + "\n";
    for (std::size_t i = 0; i < steps.size(); ++i) text += (i ? "\n" : "") + steps[i].sql + "\n";
    return text;
}

}  // namespace

std::string render_migration_file(const MigrationFile& file) {
    std::vector<diff::Hazard> hazards;
    for (const auto& step : file.up) hazards.insert(hazards.end(), step.hazards.begin(), step.hazards.end());
    std::sort(hazards.begin(), hazards.end());
    hazards.erase(std::unique(hazards.begin(), hazards.end()), hazards.end());
    std::string text = "-- " + file.title + " (written by driftless generate)\n-- hazards:";
    if (hazards.empty()) text += " none";
    for (std::size_t i = 0; i < hazards.size(); ++i)
        text += std::string(i ? ", " : " ") + diff::hazard_name(hazards[i]);
    text += "\n-- changes:\n";
    for (const auto& change : file.changes) text += "--   " + change + "\n";
    text += "\n" + section("up", file.up) + "\n" + section("down", file.down);
    return text;
}

std::vector<diff::Step> plan_steps(const diff::Plan& plan, bool transactional) {
    std::vector<diff::Step> steps;
    for (const auto& change : plan.changes) {
        for (const auto& step : change.steps)
            if (step.transactional == transactional) steps.push_back(step);
    }
    return steps;
}

std::vector<diff::Step> plan_steps(const diff::Plan& plan) {
    std::vector<diff::Step> steps;
    for (const auto& change : plan.changes) steps.insert(steps.end(), change.steps.begin(), change.steps.end());
    return steps;
}

}  // namespace driftless::emit
