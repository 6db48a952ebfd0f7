#include "sim/stack/wire/base64_text.h"

#include <array>

namespace msgsim::stack {

namespace {

constexpr char kStandard[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const char* symbols(Base64Alphabet alphabet) {
  return alphabet == Base64Alphabet::kStandardPadded ? kStandard : kUrl;
}

// Value of each byte in the alphabet, -1 outside it.
std::array<int, 256> reverse_table(const char* alphabet) {
  std::array<int, 256> table{};
  table.fill(-1);
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(alphabet[i])] = i;
  return table;
}

}  // namespace

std::string base64_encode(std::string_view bytes, Base64Alphabet alphabet) {
  const char* table = symbols(alphabet);
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                                (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                                std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += table[(group >> 18) & 63];
    out += table[(group >> 12) & 63];
    out += table[(group >> 6) & 63];
    out += table[group & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  std::uint32_t group = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
  if (rest == 2) group |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
  out += table[(group >> 18) & 63];
  out += table[(group >> 12) & 63];
  if (rest == 2) out += table[(group >> 6) & 63];
  if (alphabet == Base64Alphabet::kStandardPadded) out.append(3 - rest, '=');
  return out;
}

std::optional<std::string> base64_decode(std::string_view text, Base64Alphabet alphabet) {
  static const std::array<int, 256> kStandardValues = reverse_table(kStandard);
  static const std::array<int, 256> kUrlValues = reverse_table(kUrl);
  const std::array<int, 256>& values = alphabet == Base64Alphabet::kStandardPadded ? kStandardValues : kUrlValues;
  if (alphabet == Base64Alphabet::kStandardPadded) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
    text.remove_suffix(padding);
  }
  if (text.size() % 4 == 1) return std::nullopt;  // no byte count leaves one symbol over
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (const char c : text) {
    const int value = values[static_cast<unsigned char>(c)];
    if (value < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out += static_cast<char>((bits >> bit_count) & 0xFF);
    }
  }
  // Canonical: the bits left over after the last byte are zero.
  if ((bits & ((1u << bit_count) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace msgsim::stack
