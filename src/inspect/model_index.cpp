// Which objects go into which table's file. Sorting here (rather than trusting the model's
// order) keeps the output deterministic for hand-built models too.
#include <algorithm>

#include "inspect/writer_support.hpp"

namespace driftless::inspect {

namespace {

template <typename T, typename Key>
void sort_by(std::vector<const T*>& items, Key key) {
    std::sort(items.begin(), items.end(),
              [&](const T* a, const T* b) { return key(*a) < key(*b); });
}

}  // namespace

ModelIndex::ModelIndex(const model::Schema& schema) {
    for (const auto& table : schema.tables) tables_.emplace(table.name, &table);
    for (const auto& constraint : schema.constraints)
        parts_[constraint.table].constraints.push_back(&constraint);
    for (const auto& index : schema.indexes) parts_[index.table].indexes.push_back(&index);
    for (const auto& trigger : schema.triggers) parts_[trigger.table].triggers.push_back(&trigger);
    for (const auto& policy : schema.policies) parts_[policy.table].policies.push_back(&policy);
    for (const auto& statistics : schema.statistics)
        parts_[statistics.table].statistics.push_back(&statistics);
    for (const auto& rule : schema.rules) parts_[rule.table].rules.push_back(&rule);
    for (const auto& sequence : schema.sequences) {
        if (written_with_table(sequence))
            parts_[sequence.owned_by->table].owned_sequences.push_back(&sequence);
    }
    for (const auto& table : schema.tables) {
        if (table.partition_of && tables_.contains(*table.partition_of)) {
            parts_[*table.partition_of].partitions.push_back(&table);
        }
    }
    auto by_name = [](const auto& item) { return item.name; };
    for (auto& [_, parts] : parts_) {
        sort_by(parts.constraints, by_name);
        sort_by(parts.indexes, by_name);
        sort_by(parts.triggers, by_name);
        sort_by(parts.policies, by_name);
        sort_by(parts.statistics, by_name);  // schema, then name
        sort_by(parts.rules, by_name);
        sort_by(parts.owned_sequences, by_name);
        sort_by(parts.partitions, by_name);
    }
}

const model::Table* ModelIndex::table(const model::QualifiedName& name) const {
    auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : it->second;
}

const TableParts& ModelIndex::parts(const model::QualifiedName& table_or_view) const {
    auto it = parts_.find(table_or_view);
    return it == parts_.end() ? none_ : it->second;
}

bool ModelIndex::written_with_table(const model::Sequence& sequence) const {
    return sequence.owned_by && tables_.contains(sequence.owned_by->table);
}

}  // namespace driftless::inspect
