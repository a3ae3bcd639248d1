#pragma once
// A problem found in a source file, printed as compilers do: `file:line:col: message`.
#include <string>
#include <vector>

#include "util/error.hpp"

namespace driftless::parser {

struct Diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;

    std::string format() const;
    auto operator<=>(const Diagnostic&) const = default;
};

// Bad input in one or more files: every diagnostic, sorted by file and position. Exit 2.
class SourceErrors : public InputError {
  public:
    explicit SourceErrors(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace driftless::parser
