// Small hashing helpers over OpenSSL, shared by storage, identity and the classroom.
#pragma once

#include <cstddef>
#include <string>

namespace ayllu::crypto {

std::string hex(const unsigned char* bytes, std::size_t n);
std::string sha256Hex(const std::string& bytes);
// The file's SHA-256, read in blocks (courses can be large); "" when it cannot be read.
std::string sha256FileHex(const std::string& path);
std::string hmacSha256Hex(const std::string& key, const std::string& message);
// n random bytes as hex (2n characters). Throws ayllu::Error if the system has no randomness.
std::string randomHex(std::size_t n);

} // namespace ayllu::crypto
