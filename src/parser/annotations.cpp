#include "parser/annotations.hpp"

#include <fmt/format.h>
#include <regex>
#include <unordered_map>

#include "parser/sql_text.hpp"

namespace driftless::parser {

namespace {

enum class TargetKind { object, column, constraint };

struct Target {
    std::size_t statement = 0;
    TargetKind kind = TargetKind::object;  // object: the table or index the statement creates
    std::string name;                      // column or constraint name
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

int line_of(const nlohmann::json& node, const LineIndex& lines) {
    return lines.locate(node["location"].get<std::size_t>()).line;
}

// Lines where a CREATE TABLE or CREATE INDEX starts, one of a table's columns or named
// constraints is defined, or an ALTER TABLE … ADD CONSTRAINT starts.
std::unordered_map<int, Target> annotation_targets(const std::vector<Statement>& statements,
                                                   const LineIndex& lines) {
    std::unordered_map<int, Target> targets;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const Statement& statement = statements[i];
        if (statement.node_type == "IndexStmt" && statement.node.contains("idxname")) {
            targets.emplace(statement.line, Target{i, TargetKind::object, {}});
        } else if (statement.node_type == "CreateStmt") {
            targets.emplace(statement.line, Target{i, TargetKind::object, {}});
            for (const auto& element :
                 statement.node.value("tableElts", nlohmann::json::array())) {
                if (element.contains("ColumnDef") && element["ColumnDef"].contains("location")) {
                    const auto& column = element["ColumnDef"];
                    targets.emplace(line_of(column, lines),
                                    Target{i, TargetKind::column, column.value("colname", "")});
                } else if (element.contains("Constraint") &&
                           element["Constraint"].contains("conname") &&
                           element["Constraint"].contains("location")) {
                    const auto& constraint = element["Constraint"];
                    targets.emplace(line_of(constraint, lines),
                                    Target{i, TargetKind::constraint,
                                           constraint["conname"].get<std::string>()});
                }
            }
        } else if (statement.node_type == "AlterTableStmt") {
            for (const auto& command : statement.node.value("cmds", nlohmann::json::array())) {
                const auto& cmd = command.value("AlterTableCmd", nlohmann::json::object());
                if (cmd.value("subtype", "") != "AT_AddConstraint") continue;
                const auto& constraint =
                    cmd.value("def", nlohmann::json::object()).value("Constraint",
                                                                     nlohmann::json::object());
                if (!constraint.contains("conname")) continue;
                Target target{i, TargetKind::constraint, constraint["conname"].get<std::string>()};
                targets.emplace(statement.line, target);
                if (constraint.contains("location"))
                    targets.emplace(line_of(constraint, lines), target);
            }
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
                                   "driftless:renamed-from must come right before a CREATE TABLE, "
                                   "a column or named constraint of one, a CREATE INDEX or an "
                                   "ALTER TABLE … ADD CONSTRAINT"});
            continue;
        }
        Statement& statement = statements[target->second.statement];
        switch (target->second.kind) {
            case TargetKind::object: statement.renamed_from = old_name; break;
            case TargetKind::column:
                statement.column_renamed_from[target->second.name] = old_name;
                break;
            case TargetKind::constraint:
                statement.constraint_renamed_from[target->second.name] = old_name;
                break;
        }
    }
}

}  // namespace driftless::parser
