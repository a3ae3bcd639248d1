#include "parser/load_order.hpp"

#include <algorithm>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>

#include "parser/references.hpp"

namespace driftless::parser {

namespace {

std::string key(const ObjectName& name, bool qualified) {
    std::string text(1, static_cast<char>('0' + static_cast<int>(name.space)));
    if (qualified) text += (name.schema.empty() ? std::string("public") : name.schema) + '\x1f';
    return text + name.name;
}

struct Providers {
    std::unordered_map<std::string, std::vector<std::size_t>> creators;
    std::unordered_map<std::string, std::vector<std::size_t>> extenders;

    // Qualified names match exactly; unqualified ones prefer public, then any schema.
    template <typename Fn>
    void each(const std::unordered_map<std::string, std::vector<std::size_t>>& map,
              const ObjectName& name, Fn&& fn) const {
        if (auto it = map.find(key(name, true)); it != map.end()) {
            for (auto index : it->second) fn(index);
            return;
        }
        if (!name.schema.empty()) return;
        if (auto it = map.find(key(name, false)); it != map.end()) {
            for (auto index : it->second) fn(index);
        }
    }
};

void add(std::unordered_map<std::string, std::vector<std::size_t>>& map, const ObjectName& name,
         std::size_t index) {
    map[key(name, true)].push_back(index);
    map[key(name, false)].push_back(index);
}

}  // namespace

std::vector<std::size_t> load_order(const std::vector<Statement>& statements) {
    const std::size_t count = statements.size();
    std::vector<StatementReferences> refs;
    refs.reserve(count);
    Providers providers;
    for (std::size_t i = 0; i < count; ++i) {
        refs.push_back(find_references(statements[i]));
        for (const auto& name : refs[i].creates) add(providers.creators, name, i);
        for (const auto& name : refs[i].extends) add(providers.extenders, name, i);
    }

    std::vector<std::vector<std::size_t>> dependents(count);
    std::vector<std::size_t> waiting_on(count, 0);
    for (std::size_t i = 0; i < count; ++i) {
        std::set<std::size_t> needs;
        auto need = [&](std::size_t provider) {
            if (provider != i) needs.insert(provider);
        };
        std::set<ObjectName> own(refs[i].targets.begin(), refs[i].targets.end());
        own.insert(refs[i].extends.begin(), refs[i].extends.end());
        own.insert(refs[i].creates.begin(), refs[i].creates.end());
        for (const auto* list : {&refs[i].reads, &refs[i].targets}) {
            for (const auto& name : *list) {
                providers.each(providers.creators, name, need);
                // Statements that alter a table need only its creation; readers of the table
                // (views, foreign keys) also wait for everything that completes it.
                if (!own.count(name)) providers.each(providers.extenders, name, need);
            }
        }
        for (auto provider : needs) {
            dependents[provider].push_back(i);
            ++waiting_on[i];
        }
    }

    using Entry = std::pair<int, std::size_t>;  // (tier, file index), smallest first
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
    std::set<Entry> blocked;
    for (std::size_t i = 0; i < count; ++i) {
        Entry entry{statements[i].load_tier, i};
        if (waiting_on[i] == 0) {
            ready.push(entry);
        } else {
            blocked.insert(entry);
        }
    }
    std::vector<std::size_t> order;
    order.reserve(count);
    std::vector<bool> emitted(count, false);
    while (order.size() < count) {
        if (ready.empty()) {
            // A cycle: release the earliest blocked statement; the loader retries what fails.
            Entry first = *blocked.begin();
            blocked.erase(blocked.begin());
            waiting_on[first.second] = 0;
            ready.push(first);
        }
        auto [tier, index] = ready.top();
        ready.pop();
        if (emitted[index]) continue;
        emitted[index] = true;
        order.push_back(index);
        for (auto dependent : dependents[index]) {
            if (emitted[dependent] || waiting_on[dependent] == 0) continue;
            if (--waiting_on[dependent] == 0) {
                blocked.erase({statements[dependent].load_tier, dependent});
                ready.push({statements[dependent].load_tier, dependent});
            }
        }
    }
    return order;
}

}  // namespace driftless::parser
