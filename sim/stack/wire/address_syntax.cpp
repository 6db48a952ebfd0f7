#include "sim/stack/wire/address_syntax.h"

#include <limits>

namespace msgsim::stack {

bool is_decimal_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_wa_id(std::string_view text) {
  return text.size() >= 1 && text.size() <= 15 && text.front() != '0' && is_decimal_digits(text);
}

bool is_e164(std::string_view text) { return !text.empty() && text.front() == '+' && is_wa_id(text.substr(1)); }

bool is_short_code(std::string_view text) { return text.size() >= 3 && text.size() <= 8 && is_decimal_digits(text); }

std::optional<std::int64_t> parse_unsigned_decimal(std::string_view text) {
  if (!is_decimal_digits(text) || (text.size() > 1 && text.front() == '0')) return std::nullopt;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  for (char c : text) {
    const std::int64_t digit = c - '0';
    if (value > (kMax - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace msgsim::stack
