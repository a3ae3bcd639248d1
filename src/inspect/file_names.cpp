// File names for objects: readable, portable, and unique even where the file system
// ignores case (macOS, Windows), since two tables "Users" and "users" are legal.
#include <algorithm>
#include <string>

#include "inspect/writer_support.hpp"

namespace driftless::inspect {

namespace {

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

bool kept(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

}  // namespace

std::string safe_file_stem(std::string_view name) {
    std::string stem;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            // One '_' per character: UTF-8 continuation bytes add nothing.
            if ((byte & 0xC0) != 0x80) stem += '_';
        } else {
            stem += kept(c) ? c : '_';
        }
    }
    if (stem.empty()) return "_";
    if (stem.front() == '.') stem.front() = '_';
    return stem;
}

std::map<std::string, std::string> assign_entry_names(const std::set<std::string>& names,
                                                      std::string_view suffix,
                                                      const std::set<std::string>& reserved) {
    std::set<std::string> reserved_lower;
    for (const auto& entry : reserved) reserved_lower.insert(lower(entry));

    // Names by lower-cased stem; every plain stem is taken up front, so a numbered name
    // never takes the plain name of another object (a table really called "a_2").
    std::map<std::string, std::vector<std::string>> by_stem;
    for (const auto& name : names) by_stem[lower(safe_file_stem(name))].push_back(name);
    std::set<std::string> taken = reserved_lower;
    for (const auto& [stem, _] : by_stem) taken.insert(stem + lower(std::string(suffix)));

    std::map<std::string, std::string> entries;
    for (auto& [key, group] : by_stem) {
        std::sort(group.begin(), group.end(), [&key](const std::string& a, const std::string& b) {
            bool a_canonical = a == key, b_canonical = b == key;
            if (a_canonical != b_canonical) return a_canonical;
            return a < b;
        });
        for (std::size_t i = 0; i < group.size(); ++i) {
            std::string stem = safe_file_stem(group[i]);
            std::string plain = stem + std::string(suffix);
            if (i == 0 && !reserved_lower.contains(lower(plain))) {
                entries[group[i]] = plain;
                continue;
            }
            for (int n = 2;; ++n) {
                std::string candidate = stem + "_" + std::to_string(n) + std::string(suffix);
                if (taken.insert(lower(candidate)).second) {
                    entries[group[i]] = candidate;
                    break;
                }
            }
        }
    }
    return entries;
}

}  // namespace driftless::inspect
