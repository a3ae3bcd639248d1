#include "apply/sum_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "apply/digest.hpp"
#include "util/error.hpp"

namespace driftless::apply {

namespace fs = std::filesystem;

namespace {

struct SumLine {
    std::string file;
    std::string hash;  // "h1:<base64>"
};

struct SumContent {
    std::string head;  // "h1:<base64>"
    std::vector<SumLine> lines;
};

SumContent compute(const MigrationSet& set) {
    SumContent content;
    std::string previous;  // raw digest of the previous line; empty before the first
    for (const auto& migration : set.migrations) {
        previous = sha256(previous + migration.checksum);
        content.lines.push_back({migration.file_name(), "h1:" + to_base64(previous)});
    }
    content.head = "h1:" + to_base64(previous.empty() ? sha256("") : previous);
    return content;
}

std::string fix_hint() {
    return fmt::format("if the change is deliberate, run `driftless hash` to rewrite {}",
                       sum_file_name);
}

SumContent parse(const std::string& text, const fs::path& sum_file) {
    SumContent content;
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::size_t space = line.rfind(' ');
        bool well_formed =
            content.head.empty()
                ? line.rfind("h1:", 0) == 0 && space == std::string::npos
                : space != std::string::npos && space > 0 && line.compare(space + 1, 3, "h1:") == 0;
        if (!well_formed) {
            throw InputError(
                fmt::format("{}:{}: malformed line (expected `<file> h1:<hash>`, "
                            "after a first line `h1:<hash>`); {}",
                            sum_file.string(), number, fix_hint()));
        }
        if (content.head.empty())
            content.head = line;
        else
            content.lines.push_back({line.substr(0, space), line.substr(space + 1)});
    }
    if (content.head.empty()) {
        throw InputError(fmt::format("{}: empty file; {}", sum_file.string(), fix_hint()));
    }
    return content;
}

bool contains(const std::vector<SumLine>& lines, const std::string& file) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const SumLine& line) { return line.file == file; });
}

// Explains the first difference between what the sum file recorded and what is on disk.
std::string first_difference(const SumContent& recorded, const SumContent& actual) {
    std::size_t count = std::max(recorded.lines.size(), actual.lines.size());
    for (std::size_t i = 0; i < count; ++i) {
        const SumLine* was = i < recorded.lines.size() ? &recorded.lines[i] : nullptr;
        const SumLine* is = i < actual.lines.size() ? &actual.lines[i] : nullptr;
        if (was && is && was->file == is->file) {
            if (was->hash == is->hash) continue;
            return fmt::format("{} was edited after {} was written", is->file, sum_file_name);
        }
        if (is && !contains(recorded.lines, is->file)) {
            return fmt::format("{} was added without updating {}", is->file, sum_file_name);
        }
        if (was && !contains(actual.lines, was->file)) {
            return fmt::format("{} was removed, but {} still lists it", was->file, sum_file_name);
        }
        return fmt::format("the migration order changed at {} (a version was renumbered?)",
                           is ? is->file : was->file);
    }
    if (recorded.head != actual.head) {
        return fmt::format("the head line of {} does not match its files (edited by hand?)",
                           sum_file_name);
    }
    return {};
}

}  // namespace

std::string render_sum(const MigrationSet& set) {
    SumContent content = compute(set);
    std::string text = content.head + "\n";
    for (const auto& line : content.lines) text += fmt::format("{} {}\n", line.file, line.hash);
    return text;
}

void check_sum(const MigrationSet& set, const fs::path& sum_file) {
    std::ifstream in(sum_file, std::ios::binary);
    if (!in) {
        if (set.migrations.empty()) return;
        throw InputError(
            fmt::format("{}: missing; run `driftless hash` to create it", sum_file.string()));
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string difference = first_difference(parse(text.str(), sum_file), compute(set));
    if (!difference.empty()) {
        throw InputError(fmt::format("{}: {}; {}", sum_file.string(), difference, fix_hint()));
    }
}

void write_sum(const MigrationSet& set, const fs::path& sum_file) {
    fs::path temporary = sum_file;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << render_sum(set);
        out.close();
        if (!out) throw FailureError(fmt::format("{}: cannot write", temporary.string()));
    }
    std::error_code error;
    fs::rename(temporary, sum_file, error);
    if (error) {
        std::string reason = error.message();
        fs::remove(temporary, error);
        throw FailureError(fmt::format("{}: cannot write: {}", sum_file.string(), reason));
    }
}

}  // namespace driftless::apply
