#pragma once
// SHA-256 and the two text encodings migration checksums and driftless.sum use.
#include <string>
#include <string_view>

namespace driftless::apply {

std::string sha256(std::string_view bytes);     // the 32 raw digest bytes
std::string to_hex(std::string_view bytes);     // lowercase
std::string to_base64(std::string_view bytes);  // standard alphabet, padded
inline std::string sha256_hex(std::string_view bytes) {
    return to_hex(sha256(bytes));
}

}  // namespace driftless::apply
