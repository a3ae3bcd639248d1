// Text helpers for writing server renderings back as statements.
#include <algorithm>

#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::identifier_needs_quotes;
using emit::quote_identifier;
using emit::quote_literal;

void SqlFile::add(Group group) {
    if (!group.empty()) groups_.push_back(std::move(group));
}

std::string SqlFile::text() const {
    std::string text = "-- " + header_ + "\n";
    for (const auto& group : groups_) text += "\n" + join(group, "\n") + "\n";
    return text;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) text += separator;
        text += parts[i];
    }
    return text;
}

std::string terminated(std::string_view definition) {
    auto end = definition.find_last_not_of(" \t\r\n");
    std::string text(end == std::string_view::npos ? std::string_view{}
                                                   : definition.substr(0, end + 1));
    if (!text.ends_with(';')) text += ';';
    return text;
}

namespace {

// Whether the first '(' closes at the very end, reading '…' and "…" as opaque. The server
// renders string constants with doubled quotes and standard_conforming_strings on, so a
// quote always toggles; anything unexpected answers false and just costs a second pair.
bool encloses_whole(std::string_view expression) {
    if (expression.size() < 2 || expression.front() != '(' || expression.back() != ')')
        return false;
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < expression.size(); ++i) {
        char c = expression[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
            if (depth < 0 || (depth == 0 && i + 1 != expression.size())) return false;
        }
    }
    return depth == 0 && quote == 0;
}

bool is_plain_number(std::string_view text) {
    // Integers without leading zeros and decimals: the grammar hands these to the option
    // parser with the same text, so they need no quotes. "070" would arrive as "70".
    auto dot = text.find('.');
    auto whole = text.substr(0, dot);
    if (whole.empty() || (whole.size() > 1 && whole.front() == '0')) return false;
    auto digits = [](std::string_view part) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(whole)) return false;
    return dot == std::string_view::npos || digits(text.substr(dot + 1));
}

std::string option_name(std::string_view name) {
    // "toast.autovacuum_enabled": a namespace and a name, each an identifier.
    std::string text;
    std::size_t start = 0;
    while (true) {
        auto dot = name.find('.', start);
        text += quote_identifier(name.substr(start, dot - start));
        if (dot == std::string_view::npos) break;
        text += '.';
        start = dot + 1;
    }
    return text;
}

std::string option_value(std::string_view value) {
    // Bare where the grammar's def_arg takes the word as it is; quoted otherwise, which the
    // option parser reads the same way.
    if (!identifier_needs_quotes(value) || value == "true" || value == "false" ||
        is_plain_number(value)) {
        return std::string(value);
    }
    return quote_literal(value);
}

}  // namespace

std::string parenthesized(std::string_view expression) {
    if (encloses_whole(expression)) return std::string(expression);
    return "(" + std::string(expression) + ")";
}

std::string comment_on(std::string_view object, std::string_view text) {
    return "COMMENT ON " + std::string(object) + " IS " + quote_literal(text) + ";";
}

std::string option_list(const std::vector<std::string>& options) {
    std::vector<std::string> parts;
    for (const auto& option : options) {
        auto equals = option.find('=');
        if (equals == std::string::npos) {
            parts.push_back(option_name(option));
        } else {
            parts.push_back(option_name(std::string_view(option).substr(0, equals)) + "=" +
                            option_value(std::string_view(option).substr(equals + 1)));
        }
    }
    return join(parts, ", ");
}

}  // namespace driftless::inspect
