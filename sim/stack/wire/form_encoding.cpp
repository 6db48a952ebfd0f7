#include "sim/stack/wire/form_encoding.h"

#include <array>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// Bytes written as they are (letters, digits, "-._~"), as a table: every
// byte of every SMS body goes through this loop.
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> unreserved{};
  for (int byte = 0; byte < 256; ++byte) {
    unreserved[byte] = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                       byte == '-' || byte == '.' || byte == '_' || byte == '~';
  }
  return unreserved;
}();

void append_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run < text.size() && kUnreserved[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.substr(i, run - i));
    if (run == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[run]);
    if (byte == ' ') {
      out.push_back('+');
    } else {
      const char escape[3] = {'%', kHex[byte >> 4], kHex[byte & 0x0F]};
      out.append(escape, sizeof escape);
    }
    i = run + 1;
  }
}

}  // namespace

void append_form_field(std::string& body, std::string_view name, std::string_view value) {
  if (!body.empty()) body.push_back('&');
  append_encoded(body, name);
  body.push_back('=');
  append_encoded(body, value);
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
