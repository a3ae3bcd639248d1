#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

// The options a sequence is created with: shared by standalone sequences and identity columns.
struct SequenceOptions {
    std::string data_type;  // for an identity column, the sequence's type (usually the column's)
    std::int64_t start = 1;
    std::int64_t increment = 1;
    std::int64_t min_value = 1;
    std::int64_t max_value = 0;
    std::int64_t cache = 1;
    bool cycle = false;
    bool operator==(const SequenceOptions&) const = default;
};

struct SequenceOwner {
    QualifiedName table;
    std::string column;
    bool operator==(const SequenceOwner&) const = default;
};

// A standalone sequence (serial columns' sequences included). Identity columns' sequences
// are part of their column and are not listed here.
struct Sequence {
    QualifiedName name;
    SequenceOptions options = [] {
        SequenceOptions defaults;
        defaults.data_type = "bigint";
        return defaults;
    }();
    bool unlogged = false;
    std::optional<SequenceOwner> owned_by;
    std::optional<std::string> comment;
    std::vector<std::string> acl;
    bool operator==(const Sequence&) const = default;
};

}  // namespace driftless::model
