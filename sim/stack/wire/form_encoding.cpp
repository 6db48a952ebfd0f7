#include "sim/stack/wire/form_encoding.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// What each byte becomes, as a table read without a branch: letters,
// digits and "-._~" as they are, space as '+', any other byte as %XX.
// Every byte of every SMS body goes through this loop.
struct FormEscape {
  std::array<char, 4> text{};  // padded to one 4-byte store
  std::uint8_t size = 0;
};

constexpr std::array<FormEscape, 256> kFormEscapes = [] {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::array<FormEscape, 256> escapes{};
  for (std::size_t byte = 0; byte < escapes.size(); ++byte) {
    const char c = static_cast<char>(byte);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved || c == ' ') {
      escapes[byte].text[0] = c == ' ' ? '+' : c;
      escapes[byte].size = 1;
    } else {
      escapes[byte].text = {'%', kHex[byte >> 4], kHex[byte & 0x0F], '\0'};
      escapes[byte].size = 3;
    }
  }
  return escapes;
}();

void append_encoded(std::string& out, std::string_view text) {
  // Room for the longest result plus the last store's padding, then cut
  // to what was written.
  const std::size_t start = out.size();
  out.resize(start + 3 * text.size() + 1);
  char* end = out.data() + start;
  for (const char c : text) {
    const FormEscape& escape = kFormEscapes[static_cast<unsigned char>(c)];
    std::memcpy(end, escape.text.data(), escape.text.size());
    end += escape.size;
  }
  out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace

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
