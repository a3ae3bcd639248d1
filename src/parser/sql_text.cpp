#include "parser/sql_text.hpp"

#include <cctype>

namespace driftless::parser {

std::size_t skip_trivia(std::string_view text, std::size_t pos, std::size_t end) {
    end = std::min(end, text.size());
    while (pos < end) {
        char c = text[pos];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++pos;
        } else if (c == '-' && pos + 1 < end && text[pos + 1] == '-') {
            while (pos < end && text[pos] != '\n') ++pos;
        } else if (c == '/' && pos + 1 < end && text[pos + 1] == '*') {
            int depth = 0;
            while (pos < end) {
                if (text.substr(pos, 2) == "/*") {
                    ++depth;
                    pos += 2;
                } else if (text.substr(pos, 2) == "*/") {
                    pos += 2;
                    if (--depth == 0) break;
                } else {
                    ++pos;
                }
            }
        } else {
            break;
        }
    }
    return pos;
}

std::string leading_keywords(std::string_view statement, int words) {
    std::string result;
    std::size_t pos = 0;
    while (words-- > 0) {
        pos = skip_trivia(statement, pos, statement.size());
        std::size_t start = pos;
        while (
            pos < statement.size() &&
            (std::isalpha(static_cast<unsigned char>(statement[pos])) || statement[pos] == '_')) {
            ++pos;
        }
        if (pos == start) break;
        if (!result.empty()) result += ' ';
        for (std::size_t i = start; i < pos; ++i) {
            result += static_cast<char>(std::toupper(static_cast<unsigned char>(statement[i])));
        }
    }
    return result;
}

std::string read_identifier(std::string_view text) {
    std::string name;
    std::size_t pos = 0;
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    for (;;) {
        if (pos < text.size() && text[pos] == '"') {
            ++pos;
            while (pos < text.size()) {
                if (text[pos] == '"') {
                    if (pos + 1 < text.size() && text[pos + 1] == '"') {
                        name += '"';
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    break;
                }
                name += text[pos++];
            }
        } else {
            std::size_t start = pos;
            while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos])) &&
                   text[pos] != '.' && text[pos] != '"') {
                name += static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos])));
                ++pos;
            }
            if (pos == start) break;
        }
        if (pos < text.size() && text[pos] == '.') {
            name += '.';
            ++pos;
            continue;
        }
        break;
    }
    return name;
}

}  // namespace driftless::parser
