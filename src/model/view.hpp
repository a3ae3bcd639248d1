#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"

namespace driftless::model {

struct ViewColumnComment {
    std::string column;
    std::string comment;
    bool operator==(const ViewColumnComment&) const = default;
};

struct View {
    QualifiedName name;
    bool materialized = false;
    std::string definition;            // pg_get_viewdef(oid, true), a SELECT
    std::vector<std::string> columns;  // output column names, in order
    std::vector<std::string> options;  // reloptions: "security_barrier=true", "check_option=local"
    bool with_data = true;             // materialized views: populated or not
    std::optional<std::string> comment;
    std::vector<ViewColumnComment> column_comments;
    std::vector<std::string> acl;
    bool operator==(const View&) const = default;
};

}  // namespace driftless::model
