#include "model/object_id.hpp"

namespace driftless::model {

const char* kind_name(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::schema:
            return "schema";
        case ObjectKind::extension:
            return "extension";
        case ObjectKind::enum_type:
            return "enum";
        case ObjectKind::domain:
            return "domain";
        case ObjectKind::composite_type:
            return "composite type";
        case ObjectKind::range_type:
            return "range type";
        case ObjectKind::sequence:
            return "sequence";
        case ObjectKind::function:
            return "function";
        case ObjectKind::table:
            return "table";
        case ObjectKind::view:
            return "view";
        case ObjectKind::materialized_view:
            return "materialized view";
        case ObjectKind::constraint:
            return "constraint";
        case ObjectKind::index:
            return "index";
        case ObjectKind::trigger:
            return "trigger";
        case ObjectKind::policy:
            return "policy";
        case ObjectKind::statistics:
            return "statistics";
        case ObjectKind::rule:
            return "rule";
    }
    return "object";
}

std::string ObjectId::display() const {
    std::string text = std::string(kind_name(kind)) + " ";
    if (!name.schema.empty()) text += name.schema + ".";
    text += name.name;
    if (kind == ObjectKind::function) text += "(" + arguments + ")";
    if (!table.name.empty()) text += " on " + table.display();
    return text;
}

}  // namespace driftless::model
