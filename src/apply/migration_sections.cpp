#include "apply/migration_sections.hpp"

#include <fmt/format.h>

#include <cctype>

#include "parser/pg_query_api.hpp"
#include "parser/sql_text.hpp"
#include "util/line_index.hpp"

namespace driftless::apply {

namespace {

std::string trim_right(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

struct FileContext {
    const std::string& display_path;
    const std::string& text;
    const LineIndex& lines;
    std::vector<parser::Diagnostic>& diagnostics;

    void report(std::size_t offset, std::string message) const {
        LineCol where = lines.locate(offset);
        diagnostics.push_back({display_path, where.line, where.column, std::move(message)});
    }
};

// Parses text[begin, end) as one unit so libpg_query sees the whole section: statement
// boundaries then respect dollar quotes and BEGIN ATOMIC bodies, which a scanner cannot.
Section make_section(const FileContext& file, std::size_t begin, std::size_t end,
                     bool transactional) {
    Section section;
    section.text = file.text.substr(begin, end - begin);
    section.transactional = transactional;
    section.first_line = file.lines.locate(begin).line;
    parser::ParseOutput output = parser::parse_sql(section.text);
    if (output.error) {
        // One error per section: what follows an error in a migration cannot be trusted.
        file.report(begin + output.error->byte_offset.value_or(0), output.error->message);
        return section;
    }
    for (const auto& raw : output.tree.value("stmts", nlohmann::json::array())) {
        std::size_t location = begin + raw.value("stmt_location", std::size_t{0});
        std::size_t length = raw.value("stmt_len", std::size_t{0});
        std::size_t stop = length == 0 ? end : location + length;  // 0: up to the end
        std::size_t start = parser::skip_trivia(file.text, location, stop);
        if (start >= stop) continue;
        LineCol where = file.lines.locate(start);
        section.statements.push_back({trim_right(file.text.substr(start, stop - start)), where.line,
                                      where.column, statement_traits(raw)});
    }
    return section;
}

struct Marker {
    std::size_t line_begin = 0;  // offset of the marker line
    std::size_t next_line = 0;   // offset just past it: where the section text begins
    bool up = false;
    bool transactional = true;
};

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

// Reads `--[ ]migrate:<kind> [option…]` at a line start, as dbmate does. Returns nothing
// for ordinary lines; a malformed marker is reported and then treated as ordinary text.
std::optional<Marker> read_marker(const FileContext& file, std::size_t begin, std::size_t end) {
    const std::string& text = file.text;
    if (text.compare(begin, 2, "--") != 0) return std::nullopt;
    std::size_t pos = begin + 2;
    while (pos < end && is_blank(text[pos])) ++pos;
    if (text.compare(pos, 8, "migrate:") != 0) return std::nullopt;
    auto word_at = [&](std::size_t from) {
        std::size_t stop = from;
        while (stop < end && !is_blank(text[stop])) ++stop;
        return stop;
    };
    std::size_t kind_end = word_at(pos + 8);
    std::string kind = text.substr(pos + 8, kind_end - pos - 8);
    if (kind != "up" && kind != "down") {
        file.report(pos, fmt::format("unknown section 'migrate:{}' (expected migrate:up or "
                                     "migrate:down)",
                                     kind));
        return std::nullopt;
    }
    Marker marker{begin, end < text.size() ? end + 1 : end, kind == "up", true};
    for (pos = kind_end; pos < end;) {
        if (is_blank(text[pos])) {
            ++pos;
            continue;
        }
        std::size_t stop = word_at(pos);
        std::string option = text.substr(pos, stop - pos);
        if (option == "transaction:false") {
            marker.transactional = false;
        } else if (option != "transaction:true") {
            file.report(pos, fmt::format("unknown option '{}' after -- migrate:{} (the only "
                                         "option is transaction:false)",
                                         option, kind));
        }
        pos = stop;
    }
    return marker;
}

}  // namespace

DbmateSections parse_dbmate_file(const std::string& display_path, const std::string& file_text,
                                 std::vector<parser::Diagnostic>& diagnostics) {
    LineIndex lines(file_text);
    FileContext file{display_path, file_text, lines, diagnostics};
    std::vector<Marker> markers;
    for (std::size_t begin = 0; begin < file_text.size();) {
        std::size_t end = file_text.find('\n', begin);
        if (end == std::string::npos) end = file_text.size();
        if (auto marker = read_marker(file, begin, end)) markers.push_back(*marker);
        begin = end + 1;
    }

    DbmateSections sections;
    std::optional<int> up_line, down_line;
    if (!markers.empty()) {
        std::size_t first = parser::skip_trivia(file_text, 0, markers.front().line_begin);
        if (first < markers.front().line_begin) {
            file.report(first, "text before the first -- migrate: line belongs to no section");
        }
    }
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const Marker& marker = markers[i];
        std::size_t stop = i + 1 < markers.size() ? markers[i + 1].line_begin : file_text.size();
        int line = lines.locate(marker.line_begin).line;
        std::optional<int>& seen = marker.up ? up_line : down_line;
        const char* kind = marker.up ? "up" : "down";
        if (seen) {
            file.report(marker.line_begin, fmt::format("second -- migrate:{} section (the first "
                                                       "is at line {})",
                                                       kind, *seen));
            continue;
        }
        if (!marker.up && !up_line) {
            file.report(marker.line_begin, "-- migrate:down comes before -- migrate:up");
        }
        seen = line;
        std::size_t begin = std::min(marker.next_line, stop);
        (marker.up ? sections.up : sections.down) =
            make_section(file, begin, stop, marker.transactional);
    }
    if (!up_line) {
        diagnostics.push_back({display_path, 1, 1,
                               "missing -- migrate:up line (a file without sections must be "
                               "named <version>_<name>.up.sql)"});
    }
    return sections;
}

Section parse_whole_file(const std::string& display_path, const std::string& file_text,
                         std::vector<parser::Diagnostic>& diagnostics) {
    LineIndex lines(file_text);
    FileContext file{display_path, file_text, lines, diagnostics};
    return make_section(file, 0, file_text.size(), true);
}

}  // namespace driftless::apply
