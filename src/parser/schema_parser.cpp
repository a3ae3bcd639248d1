#include "parser/schema_parser.hpp"

#include <fmt/format.h>

#include "parser/annotations.hpp"
#include "parser/classify.hpp"
#include "parser/pg_query_api.hpp"
#include "parser/sql_text.hpp"
#include "util/line_index.hpp"

namespace driftless::parser {

namespace {

constexpr int max_errors_per_file = 50;

std::string trim_right(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

bool is_meta_command_at(const std::string& text, std::size_t offset, const LineIndex& lines) {
    if (offset >= text.size() || text[offset] != '\\') return false;
    std::size_t start = lines.line_start(lines.locate(offset).line);
    return skip_trivia(text, start, offset) == offset;
}

// Turns the parse tree of source.text[base, limit) into classified statements.
void collect_statements(const SourceFile& source, const LineIndex& lines,
                        const nlohmann::json& tree, std::size_t base, std::size_t limit,
                        ParsedFile& parsed) {
    for (const auto& raw : tree.value("stmts", nlohmann::json::array())) {
        std::size_t location = base + raw.value("stmt_location", std::size_t{0});
        std::size_t length = raw.value("stmt_len", std::size_t{0});
        std::size_t end = length == 0 ? limit : location + length;  // 0: up to the end
        std::size_t start = skip_trivia(source.text, location, end);
        if (start >= end) continue;

        const auto& wrapper = raw["stmt"];
        const std::string& node_type = wrapper.begin().key();
        const nlohmann::json& node = wrapper.begin().value();
        Statement statement;
        statement.file = source.display_path;
        statement.offset = start;
        LineCol where = lines.locate(start);
        statement.line = where.line;
        statement.column = where.column;
        statement.text = trim_right(source.text.substr(start, end - start));
        statement.node_type = node_type;

        Classification classification = classify(node_type, node);
        if (classification.role == StatementRole::session_setting) {
            ++parsed.ignored_session_settings;
            continue;
        }
        if (classification.role == StatementRole::refused) {
            parsed.diagnostics.push_back(
                {statement.file, statement.line, statement.column,
                 fmt::format("{}: {}", leading_keywords(statement.text), classification.refusal)});
            continue;
        }
        statement.node = node;
        statement.load_tier = classification.load_tier;
        parsed.statements.push_back(std::move(statement));
    }
}

// Reports every syntax error of a file that failed to parse: after each error, parsing
// resumes at the next statement boundary the scanner can see.
void collect_syntax_errors(const SourceFile& source, const LineIndex& lines, ParsedFile& parsed) {
    const std::string& text = source.text;
    std::size_t base = 0;
    for (int count = 0; count < max_errors_per_file && base < text.size(); ++count) {
        std::string chunk = text.substr(base);
        ParseOutput output = parse_sql(chunk);
        if (!output.error) return;
        std::size_t error_at = base + output.error->byte_offset.value_or(0);
        LineCol where = lines.locate(error_at);
        std::size_t resume = 0;
        std::size_t failing_start = error_at;  // where the statement in error begins
        if (is_meta_command_at(text, error_at, lines)) {
            std::size_t line_end = text.find('\n', error_at);
            std::string command =
                text.substr(error_at, text.find_first_of(" \t\r\n", error_at) - error_at);
            parsed.diagnostics.push_back(
                {source.display_path, where.line, where.column,
                 fmt::format("psql meta-command {} is not allowed in schema files (driftless "
                             "reads them, not psql)",
                             command)});
            resume = line_end == std::string::npos ? text.size() : line_end + 1;
        } else {
            parsed.diagnostics.push_back(
                {source.display_path, where.line, where.column, output.error->message});
            resume = text.size();
            std::size_t relative = error_at - base;
            for (const auto& range : split_with_scanner(chunk)) {
                std::size_t end = range.length == 0 ? chunk.size() : range.offset + range.length;
                if (relative < end + 1) {
                    resume = base + end + 1;  // past the semicolon
                    failing_start = base + range.offset;
                    break;
                }
            }
        }
        // The statements before the one in error do parse: refusals among them count too.
        if (failing_start > base) {
            ParseOutput before = parse_sql(text.substr(base, failing_start - base));
            if (!before.error)
                collect_statements(source, lines, before.tree, base, failing_start, parsed);
        }
        if (resume <= base) return;
        base = skip_trivia(text, resume, text.size());
    }
}

}  // namespace

std::string Statement::location() const {
    return fmt::format("{}:{}:{}", file, line, column);
}

ParsedFile parse_file(const SourceFile& source) {
    ParsedFile parsed;
    LineIndex lines(source.text);
    ParseOutput output = parse_sql(source.text);
    if (output.error) {
        collect_syntax_errors(source, lines, parsed);
        return parsed;
    }
    collect_statements(source, lines, output.tree, 0, source.text.size(), parsed);
    attach_annotations(source, lines, parsed.statements, parsed.diagnostics);
    return parsed;
}

std::vector<Statement> parse_sources(const std::vector<SourceFile>& sources) {
    std::vector<Statement> statements;
    std::vector<Diagnostic> diagnostics;
    for (const auto& source : sources) {
        ParsedFile parsed = parse_file(source);
        for (auto& statement : parsed.statements) statements.push_back(std::move(statement));
        for (auto& diagnostic : parsed.diagnostics) diagnostics.push_back(std::move(diagnostic));
    }
    if (!diagnostics.empty()) throw SourceErrors(std::move(diagnostics));
    return statements;
}

}  // namespace driftless::parser
