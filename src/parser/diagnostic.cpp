#include "parser/diagnostic.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace driftless::parser {

std::string Diagnostic::format() const {
    if (line <= 0) return fmt::format("{}: {}", file, message);
    return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

namespace {
std::string join(std::vector<Diagnostic>& diagnostics) {
    std::sort(diagnostics.begin(), diagnostics.end());
    std::string text;
    for (const auto& diagnostic : diagnostics) {
        if (!text.empty()) text += '\n';
        text += diagnostic.format();
    }
    return text;
}
}  // namespace

SourceErrors::SourceErrors(std::vector<Diagnostic> diagnostics)
    : InputError(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace driftless::parser
