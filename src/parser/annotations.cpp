#include "parser/annotations.hpp"

#include <fmt/format.h>
#include <regex>
#include <unordered_map>

#include "parser/sql_text.hpp"

namespace driftless::parser {

namespace {

struct Target {
    std::size_t statement = 0;
    std::string column;  // empty: the table itself
};

std::string_view line_text(std::string_view text, const LineIndex& lines, int line) {
    std::size_t start = lines.line_start(line);
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    return text.substr(start, end - start);
}

bool is_blank_or_comment(std::string_view line) {
    std::size_t pos = skip_trivia(line, 0, line.size());
    return pos == line.size();
}

// Lines where a CREATE TABLE starts or one of its columns is defined.
std::unordered_map<int, Target> annotation_targets(const std::vector<Statement>& statements,
                                                   const LineIndex& lines) {
    std::unordered_map<int, Target> targets;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const Statement& statement = statements[i];
        if (statement.node_type != "CreateStmt") continue;
        targets.emplace(statement.line, Target{i, {}});
        for (const auto& element : statement.node.value("tableElts", nlohmann::json::array())) {
            if (!element.contains("ColumnDef")) continue;
            const auto& column = element["ColumnDef"];
            if (!column.contains("location")) continue;
            int line = lines.locate(column["location"].get<std::size_t>()).line;
            targets.emplace(line, Target{i, column.value("colname", "")});
        }
    }
    return targets;
}

}  // namespace

void attach_annotations(const SourceFile& source, const LineIndex& lines,
                        std::vector<Statement>& statements, std::vector<Diagnostic>& diagnostics) {
    static const std::regex annotation(R"(^\s*--\s*driftless:renamed-from\b(.*)$)");
    if (source.text.find("driftless:renamed-from") == std::string::npos) return;
    auto targets = annotation_targets(statements, lines);
    for (int line = 1; line <= lines.line_count(); ++line) {
        std::string text(line_text(source.text, lines, line));
        std::smatch match;
        if (!std::regex_match(text, match, annotation)) continue;
        int column = static_cast<int>(text.find("driftless:")) + 1;
        std::string old_name = read_identifier(match[1].str());
        if (old_name.empty()) {
            diagnostics.push_back({source.display_path, line, column,
                                   "driftless:renamed-from needs the old name, as in "
                                   "`-- driftless:renamed-from old_name`"});
            continue;
        }
        int next = line + 1;
        while (next <= lines.line_count() &&
               is_blank_or_comment(line_text(source.text, lines, next))) {
            ++next;
        }
        auto target = targets.find(next);
        if (target == targets.end()) {
            diagnostics.push_back({source.display_path, line, column,
                                   "driftless:renamed-from must come right before a CREATE TABLE "
                                   "or a column definition"});
            continue;
        }
        Statement& statement = statements[target->second.statement];
        if (target->second.column.empty()) {
            statement.table_renamed_from = old_name;
        } else {
            statement.column_renamed_from[target->second.column] = old_name;
        }
    }
}

}  // namespace driftless::parser
