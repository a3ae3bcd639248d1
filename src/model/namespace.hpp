#pragma once
#include <optional>
#include <string>
#include <vector>

namespace driftless::model {

// A schema (pg_namespace). Named Namespace so that Schema can be the whole model.
struct Namespace {
    std::string name;
    std::optional<std::string> comment;
    std::vector<std::string> acl;
    bool operator==(const Namespace&) const = default;
};

struct Extension {
    std::string name;
    std::string schema;
    std::string version;
    bool operator==(const Extension&) const = default;
};

}  // namespace driftless::model
