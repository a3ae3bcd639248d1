#include "apply/digest.hpp"

#include <openssl/evp.h>

#include <vector>

#include "util/error.hpp"

namespace driftless::apply {

std::string sha256(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw FailureError("SHA-256 computation failed (OpenSSL)");
    }
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        text += digits[byte >> 4];
        text += digits[byte & 0xf];
    }
    return text;
}

std::string to_base64(std::string_view bytes) {
    // EVP_EncodeBlock writes 4 characters per 3 bytes plus a terminating NUL.
    std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
    int written = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    return std::string(reinterpret_cast<const char*>(out.data()),
                       static_cast<std::size_t>(written));
}

}  // namespace driftless::apply
