#include "util/line_index.hpp"

#include <algorithm>

namespace driftless {

namespace {
bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') starts_.push_back(i + 1);
    }
}

LineCol LineIndex::locate(std::size_t byte_offset) const {
    byte_offset = std::min(byte_offset, text_.size());
    auto it = std::upper_bound(starts_.begin(), starts_.end(), byte_offset);
    auto line = static_cast<int>(it - starts_.begin());
    std::size_t start = starts_[line - 1];
    int column = 1;
    for (std::size_t i = start; i < byte_offset; ++i) {
        if (!is_continuation_byte(text_[i])) ++column;
    }
    return {line, column};
}

std::size_t LineIndex::line_start(int line) const {
    if (line < 1) return 0;
    if (line > line_count()) return text_.size();
    return starts_[line - 1];
}

std::size_t byte_offset_of_char(std::string_view text, std::size_t char_index) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_continuation_byte(text[i])) continue;
        if (seen == char_index) return i;
        ++seen;
    }
    return text.size();
}

}  // namespace driftless
