#include "sim/stack/wire/form_encoding.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// What each byte becomes, as a table read without a branch: letters,
// digits and "-._~" as they are, space as '+', any other byte as %XX.
// An entry holds the (one or three) characters in its low bytes, in
// memory order, and their count in its top byte, so a byte costs one load
// and one 4-byte store. Every byte of every SMS body goes through this loop.
constexpr std::array<std::uint32_t, 256> kFormEscapes = [] {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::array<std::uint32_t, 256> escapes{};
  for (std::size_t byte = 0; byte < escapes.size(); ++byte) {
    const char c = static_cast<char>(byte);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved || c == ' ') {
      escapes[byte] = static_cast<unsigned char>(c == ' ' ? '+' : c) | (1u << 24);
    } else {
      escapes[byte] = static_cast<unsigned char>('%') | (static_cast<std::uint32_t>(kHex[byte >> 4]) << 8) |
                      (static_cast<std::uint32_t>(kHex[byte & 0x0F]) << 16) | (3u << 24);
    }
  }
  return escapes;
}();

#if defined(__SSE2__)
// A bit per byte of the 16 at `bytes` that is not a letter, a digit or one
// of "-._~" (bit i: byte i).
unsigned escaped_mask16(const char* bytes) {
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  const __m128i letter_offset = _mm_sub_epi8(_mm_or_si128(chunk, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(letter_offset, _mm_set1_epi8(25)), letter_offset);
  const __m128i digit_offset = _mm_sub_epi8(chunk, _mm_set1_epi8('0'));
  const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(digit_offset, _mm_set1_epi8(9)), digit_offset);
  const __m128i marks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('-')), _mm_cmpeq_epi8(chunk, _mm_set1_epi8('.'))),
                                     _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('_')), _mm_cmpeq_epi8(chunk, _mm_set1_epi8('~'))));
  const __m128i unreserved = _mm_or_si128(_mm_or_si128(letter, digit), marks);
  return ~static_cast<unsigned>(_mm_movemask_epi8(unreserved)) & 0xFFFFu;
}
#endif

void append_encoded(std::string& out, std::string_view text) {
  // Room for the longest result plus the last store's padding, then cut
  // to what was written.
  const std::size_t start = out.size();
  out.resize(start + 3 * text.size() + 1);
  char* end = write_form_encoded(out.data() + start, text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace

char* write_form_encoded(char* out, std::string_view text) {
  static_assert(std::endian::native == std::endian::little, "the table's characters are in little-endian order");
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: the run of unreserved bytes is copied whole
  // (the store may run past it: the bytes after are written again), then
  // the byte that ends it goes through the table.
  while (i + 16 <= text.size()) {
    const unsigned escaped = escaped_mask16(text.data() + i);
    std::memcpy(out, text.data() + i, 16);
    if (escaped == 0) {
      out += 16;
      i += 16;
      continue;
    }
    const auto run = static_cast<std::size_t>(std::countr_zero(escaped));
    out += run;
    i += run;
    const std::uint32_t escape = kFormEscapes[static_cast<unsigned char>(text[i])];
    std::memcpy(out, &escape, sizeof escape);
    out += escape >> 24;
    ++i;
  }
#endif
  for (; i < text.size(); ++i) {
    const std::uint32_t escape = kFormEscapes[static_cast<unsigned char>(text[i])];
    std::memcpy(out, &escape, sizeof escape);
    out += escape >> 24;
  }
  return out;
}

void append_form_field(BodyWriter& body, std::string_view name, std::string_view value) {
  char* at = body.room_for(3 + 3 * (name.size() + value.size()));
  char* const start = at;
  if (body.size() > 0) *at++ = '&';
  at = write_form_encoded(at, name);
  *at++ = '=';
  at = write_form_encoded(at, value);
  body.advance(static_cast<std::size_t>(at - start));
}

void append_form_field(std::string& body, std::string_view name, std::string_view value) {
  if (!body.empty()) body.push_back('&');
  append_encoded(body, name);
  body.push_back('=');
  append_encoded(body, value);
}

std::size_t form_body_bytes_max(std::span<const FormParamView> params) {
  std::size_t bytes = 0;
  // Per field: '&', '=', and the byte past append_encoded's last store.
  for (const FormParamView& param : params) bytes += 3 + 3 * (param.name.size() + param.value.size());
  return bytes;
}

Result<const std::string*> find_form_param(const FormParams& params, std::string_view name) {
  const std::string* found = nullptr;
  for (const auto& [key, value] : params) {
    if (key != name) continue;
    if (found != nullptr) return Status(StatusCode::kInvalidInput, "parameter " + std::string(name) + " appears more than once");
    found = &value;
  }
  return found;
}

}  // namespace msgsim::stack
