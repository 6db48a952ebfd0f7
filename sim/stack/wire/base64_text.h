// Base64 in the two alphabets the platforms use: standard with padding
// (RFC 4648 §4: Apple's opaque ids) and URL-safe without padding (§5: the
// parts of a JWT). Decoding is strict and canonical: a character outside the
// alphabet, a wrong length or padding, or non-zero unused bits refuse the
// text, so each byte string has exactly one accepted spelling (a token
// cannot be altered into another spelling of the same signature). Pure
// functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace msgsim::stack {

enum class Base64Alphabet : std::uint8_t { kStandardPadded, kUrlUnpadded };

std::string base64_encode(std::string_view bytes, Base64Alphabet alphabet);
// The bytes `text` encodes, or nullopt when it is not canonical base64 of
// that alphabet.
std::optional<std::string> base64_decode(std::string_view text, Base64Alphabet alphabet);

}  // namespace msgsim::stack
