#pragma once
// Which statements belong in a schema file. Schema files describe objects; anything that
// moves data, drops things, controls transactions or is meant for psql is refused, so a
// schema file can always be loaded into a scratch database without side effects.
#include <string>

#include <nlohmann/json.hpp>

namespace driftless::parser {

enum class StatementRole {
    definition,       // creates or defines an object (loaded)
    session_setting,  // SET / RESET / pg_dump's set_config preamble: accepted and ignored
    refused,
};

struct Classification {
    StatementRole role = StatementRole::refused;
    int load_tier = 0;    // schemas < extensions < types < functions < tables < views < rest
    std::string refusal;  // why, for refused statements
};

Classification classify(const std::string& node_type, const nlohmann::json& node);

}  // namespace driftless::parser
