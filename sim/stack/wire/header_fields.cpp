#include "sim/stack/wire/header_fields.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// True iff every byte is in 0x20..0x7e: eight at a time (a byte below 0x20
// borrows, 0x7f is found as a zero after xor, and the high bit marks the
// rest).
bool is_printable_ascii(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHighs = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t deleted = word ^ (0x7F * kOnes);
    if ((((word - 0x20 * kOnes) & ~word) | ((deleted - kOnes) & ~deleted) | word) & kHighs) return false;
  }
  for (; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}

Status header_error(std::string_view name, std::string_view why) {
  return Status(StatusCode::kInvalidInput, "header " + std::string(name) + ": " + std::string(why));
}

Result<std::string> checked_value(std::string_view name, std::string_view value, std::size_t bytes_max) {
  if (value.empty()) return header_error(name, "missing or empty");
  if (value.size() > bytes_max) {
    return header_error(name, std::to_string(value.size()) + " bytes is over the limit of " +
                                  std::to_string(bytes_max));
  }
  if (!is_printable_ascii(value)) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto byte = static_cast<unsigned char>(value[i]);
      if (byte < 0x20 || byte > 0x7e) return header_error(name, "byte " + std::to_string(i) + " is not printable ASCII");
    }
  }
  return std::string(value);
}

}  // namespace

Result<std::string> read_header(const HttpRequest& request, std::string_view name, std::size_t bytes_max) {
  return checked_value(name, request.header(name), bytes_max);
}

Result<std::string> read_optional_header(const HttpRequest& request, std::string_view name, std::size_t bytes_max) {
  const std::string_view value = request.header(name);
  if (value.empty()) return std::string();
  return checked_value(name, value, bytes_max);
}

std::int64_t parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return -1;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return -1;
    if (value > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace msgsim::stack
