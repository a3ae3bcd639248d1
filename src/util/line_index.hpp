#pragma once
// Maps byte offsets in a text to 1-based line and column, columns counted in characters
// (UTF-8 code points), as editors and compilers show them.
#include <cstddef>
#include <string_view>
#include <vector>

namespace driftless {

struct LineCol {
    int line = 1;
    int column = 1;
};

class LineIndex {
  public:
    explicit LineIndex(std::string_view text);
    LineCol locate(std::size_t byte_offset) const;
    std::size_t line_start(int line) const;  // byte offset where a 1-based line begins
    int line_count() const { return static_cast<int>(starts_.size()); }

  private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

// Byte offset of the n-th character (0-based) of text, counting UTF-8 code points.
std::size_t byte_offset_of_char(std::string_view text, std::size_t char_index);

}  // namespace driftless
