// The length of the run of bytes at the start of a JSON string's text that
// need no attention, found sixteen bytes at a time (SSE2, part of every
// x86-64) or eight (elsewhere): every byte of every body
// the codecs write or read goes through one of these scans, and text is
// mostly plain ASCII. A byte needs attention when it is a quote, a
// backslash or a control character, and also, as the caller asks, when it
// is not ASCII (the reader validates UTF-8, the ASCII writer escapes it) or
// a '/' (which the ASCII writer escapes as Meta does).
// Pure inline functions; any thread may call them.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace msgsim::stack {

struct JsonRunStops {
  bool non_ascii = true;
  bool slash = false;
};

namespace json_byte_runs_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// A high bit in the byte of `word` that is zero, the lowest such byte
// exactly (a borrow may also mark bytes above it, never below).
constexpr std::uint64_t zero_bytes(std::uint64_t word) { return (word - kOnes) & ~word & kHighs; }

// A high bit in the first byte of `word` that needs attention (in memory
// order: the word is loaded little-endian), maybe in later ones too.
template <JsonRunStops kStops>
constexpr std::uint64_t stop_bytes(std::uint64_t word) {
  // Below 0x20: subtracting 0x20 borrows, as zero_bytes does with 1.
  std::uint64_t stops = ((word - 0x20 * kOnes) & ~word & kHighs) | zero_bytes(word ^ ('"' * kOnes)) |
                        zero_bytes(word ^ ('\\' * kOnes));
  if constexpr (kStops.non_ascii) stops |= word & kHighs;
  if constexpr (kStops.slash) stops |= zero_bytes(word ^ ('/' * kOnes));
  return stops;
}

constexpr bool is_stop(unsigned char byte, JsonRunStops stops) {
  return byte < 0x20 || byte == '"' || byte == '\\' || (stops.non_ascii && byte >= 0x80) ||
         (stops.slash && byte == '/');
}

template <JsonRunStops kStops>
constexpr std::array<bool, 256> kStopTable = [] {
  std::array<bool, 256> table{};
  for (std::size_t byte = 0; byte < table.size(); ++byte) table[byte] = is_stop(static_cast<unsigned char>(byte), kStops);
  return table;
}();

#if defined(__SSE2__)
// A bit per byte of the 16 at `bytes` that needs attention (bit i: byte i).
template <JsonRunStops kStops>
inline int stop_mask16(const char* bytes) {
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  __m128i stops = _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')), _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\')));
  if constexpr (kStops.non_ascii) {
    // As signed bytes, both controls and bytes from 0x80 up are below 0x20.
    stops = _mm_or_si128(stops, _mm_cmplt_epi8(chunk, _mm_set1_epi8(0x20)));
  } else {
    const __m128i highest_control = _mm_set1_epi8(0x1F);
    stops = _mm_or_si128(stops, _mm_cmpeq_epi8(_mm_max_epu8(chunk, highest_control), highest_control));
  }
  if constexpr (kStops.slash) stops = _mm_or_si128(stops, _mm_cmpeq_epi8(chunk, _mm_set1_epi8('/')));
  return _mm_movemask_epi8(stops);
}
#endif

}  // namespace json_byte_runs_detail

// The number of leading bytes of `text` that need no attention.
// Inlined: every string a codec reads or writes starts with this scan.
template <JsonRunStops kStops>
[[gnu::always_inline]] inline std::size_t json_plain_run(std::string_view text) {
  using namespace json_byte_runs_detail;
  std::size_t at = 0;
#if defined(__SSE2__)
  for (; at + 16 <= text.size(); at += 16) {
    const int stops = stop_mask16<kStops>(text.data() + at);
    if (stops != 0) return at + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(stops)));
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    for (; at + 8 <= text.size(); at += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, 8);
      const std::uint64_t stops = stop_bytes<kStops>(word);
      if (stops != 0) return at + static_cast<std::size_t>(std::countr_zero(stops)) / 8;
    }
  }
  // The last bytes one by one (a partial word loaded through memory would
  // stall on the store it was assembled with).
  while (at < text.size() && !kStopTable<kStops>[static_cast<unsigned char>(text[at])]) ++at;
  return at;
}

}  // namespace msgsim::stack
