// Strict UTF-8 (RFC 3629) for wire codecs: no overlong forms, no surrogates,
// nothing above U+10FFFF, no truncated sequences. Decoders use it to refuse
// text a platform would never send; encoders use it to escape text as \uXXXX.
// Pure functions; any thread may call them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace msgsim::stack {

// The length (1 to 4) of the well-formed sequence at the start of `text`, or
// 0 when `text` is empty or does not start with one.
std::size_t utf8_sequence_length(std::string_view text);

// The code point of a well-formed sequence (as measured by
// utf8_sequence_length). REQUIRES: `sequence` is exactly one such sequence.
char32_t decode_utf8_sequence(std::string_view sequence);

// The offset of the first byte that does not belong to a well-formed
// sequence, or nullopt when all of `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// At most `bytes_max` bytes of `text`, cut before a UTF-8 continuation
// byte, with "..." when cut: how refusals quote the input they refuse.
std::string text_excerpt(std::string_view text, std::size_t bytes_max = 64);

// Appends the UTF-8 form of `code_point`. REQUIRES: a Unicode scalar value.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace msgsim::stack
