#pragma once
// Shared by the schema writer tests (`driftless inspect` output): builders for hand-made models
// and a lookup of one written file that names the files there are when it is missing.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/schema.hpp"

namespace driftless::testing::schema_writer_fixtures {

inline constexpr std::int64_t bigint_max = std::numeric_limits<std::int64_t>::max();

inline model::Column column(std::string name, std::string type, bool not_null = false) {
    model::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.not_null = not_null;
    return c;
}

inline model::Table table(model::QualifiedName name, std::vector<model::Column> columns) {
    model::Table t;
    t.name = std::move(name);
    t.columns = std::move(columns);
    return t;
}

inline model::Constraint constraint(model::QualifiedName table, std::string name,
                                    model::ConstraintKind kind, std::string definition) {
    model::Constraint c;
    c.table = std::move(table);
    c.name = std::move(name);
    c.kind = kind;
    c.definition = std::move(definition);
    return c;
}

inline model::Index index(model::QualifiedName table, std::string name, std::string definition) {
    model::Index i;
    i.table = std::move(table);
    i.name = std::move(name);
    i.definition = std::move(definition);
    return i;
}

inline const std::string& file(const std::map<std::string, std::string>& files,
                               const std::string& path) {
    INFO("files: " << [&] {
        std::string names;
        for (const auto& [name, _] : files) names += name + " ";
        return names;
    }());
    REQUIRE(files.count(path) == 1);
    return files.at(path);
}

}  // namespace driftless::testing::schema_writer_fixtures
