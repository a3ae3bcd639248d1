#pragma once
// Reading typed values out of catalog rows. pqxx 6.4 as packaged in Debian is built without
// PQXX_HAVE_OPTIONAL, so field::get<T>() is unusable; lists come back from the server as
// JSON arrays (json_agg), which spares parsing PostgreSQL's array syntax for names holding
// quotes, commas or braces.
#include <pqxx/pqxx>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/error.hpp"

namespace driftless::catalog {

inline std::optional<std::string> optional_text(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return field.as<std::string>();
}

// An oid (or any unsigned integer column) parsed by hand: pqxx's conversions cost more than
// the query on the 100,000-row results of large schemas.
inline std::uint64_t oid_value(const pqxx::field& field) {
    const char* text = field.c_str();
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text, text + std::strlen(text), value);
    if (error != std::errc{} || *end != '\0')
        throw FailureError(std::string("malformed oid in a catalog row: ") + text);
    return value;
}

// A PostgreSQL int2[] / int4[] in its text form ("{1,3}"), as numbers; none for NULL.
inline std::vector<int> int_list(const char* text) {
    std::vector<int> values;
    if (text == nullptr) return values;
    const char* end = text + std::strlen(text);
    for (const char* p = text; p < end;) {
        if (*p == '-' || (*p >= '0' && *p <= '9')) {
            int value = 0;
            auto [next, error] = std::from_chars(p, end, value);
            if (error != std::errc{})
                throw FailureError(std::string("malformed integer array in a catalog row: ") +
                                   text);
            values.push_back(value);
            p = next;
        } else {
            ++p;
        }
    }
    return values;
}

inline std::vector<int> int_list(const pqxx::field& field) {
    return int_list(field.is_null() ? nullptr : field.c_str());
}

inline std::vector<std::string> text_list(const std::string& json_array) {
    return nlohmann::json::parse(json_array).get<std::vector<std::string>>();
}

// A JSON array of strings; none for NULL.
inline std::vector<std::string> text_list(const char* json_array) {
    if (json_array == nullptr) return {};
    return nlohmann::json::parse(json_array).get<std::vector<std::string>>();
}

inline std::vector<std::string> text_list(const pqxx::field& field) {
    return text_list(field.is_null() ? nullptr : field.c_str());
}

// Sorted so that two databases granting in a different order compare equal.
inline std::vector<std::string> sorted_text_list(const char* json_array) {
    auto items = text_list(json_array);
    std::sort(items.begin(), items.end());
    return items;
}

inline std::vector<std::string> sorted_text_list(const pqxx::field& field) {
    auto items = text_list(field);
    std::sort(items.begin(), items.end());
    return items;
}

// Column positions of a result, looked up once. pqxx's row["name"] goes through PQfnumber,
// which copies and case-folds the name on every call: a visible cost over the tens of
// thousands of rows a large schema returns.
class FieldPositions {
  public:
    explicit FieldPositions(const pqxx::result& result) {
        for (pqxx::row::size_type i = 0; i < result.columns(); ++i)
            positions_.emplace(result.column_name(i), i);
    }
    pqxx::row::size_type operator()(std::string_view name) const { return positions_.at(name); }

  private:
    std::unordered_map<std::string_view, pqxx::row::size_type> positions_;
};

}  // namespace driftless::catalog
