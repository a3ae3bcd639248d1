#pragma once
// JSON form of the model: for `--format json` output and for showing differences in tests.
// Field names are the model's; optional fields are omitted when empty.
#include <nlohmann/json.hpp>

#include "model/schema.hpp"

namespace driftless::model {

nlohmann::json to_json(const Schema& schema);

}  // namespace driftless::model
