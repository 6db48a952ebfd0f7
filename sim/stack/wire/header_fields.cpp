#include "sim/stack/wire/header_fields.h"

#include <limits>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

Status header_error(std::string_view name, std::string_view why) {
  return Status(StatusCode::kInvalidInput, "header " + std::string(name) + ": " + std::string(why));
}

Result<std::string> checked_value(std::string_view name, std::string_view value, std::size_t bytes_max) {
  if (value.empty()) return header_error(name, "missing or empty");
  if (value.size() > bytes_max) {
    return header_error(name, std::to_string(value.size()) + " bytes is over the limit of " +
                                  std::to_string(bytes_max));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte < 0x20 || byte > 0x7e) return header_error(name, "byte " + std::to_string(i) + " is not printable ASCII");
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
