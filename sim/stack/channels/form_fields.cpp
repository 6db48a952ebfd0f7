#include "sim/stack/channels/form_fields.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::size_t kFieldsExpected = 24;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A high bit in each zero byte of `word` (exact for the lowest one).
constexpr std::uint64_t zero_bytes(std::uint64_t word) {
  return (word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull;
}

// The offset of the first '%' or '+' (the bytes decoding changes), or
// text.size(): eight bytes at a time, since most components have none.
std::size_t first_escape(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if ((zero_bytes(word ^ 0x2525252525252525ull) | zero_bytes(word ^ 0x2B2B2B2B2B2B2B2Bull)) != 0) break;
  }
  while (i < text.size() && text[i] != '%' && text[i] != '+') ++i;
  return i;
}

}  // namespace

Status FormFields::add_component(std::string_view raw, std::size_t offset, Span& out) {
  const std::size_t plain = first_escape(raw);
  if (plain == raw.size()) {  // the common case: nothing to decode
    const auto begin = static_cast<std::uint32_t>(raw.data() - body_.data());
    out = Span{begin, static_cast<std::uint32_t>(raw.size()), false};
    return Status::ok();
  }
  decoded_.reserve(body_.size());  // once: decoded text is never longer than the body
  const std::size_t begin = decoded_.size();
  decoded_.resize(begin + raw.size());
  char* end = decoded_.data() + begin;
  std::memcpy(end, raw.data(), plain);
  end += plain;
  for (std::size_t i = plain; i < raw.size();) {
    const char c = raw[i];
    if (c != '%') {
      *end++ = c == '+' ? ' ' : c;
      ++i;
      continue;
    }
    const int high = i + 2 < raw.size() ? hex_value(raw[i + 1]) : -1;
    const int low = i + 2 < raw.size() ? hex_value(raw[i + 2]) : -1;
    if (high < 0 || low < 0) {
      decoded_.resize(begin);
      return Status(StatusCode::kInvalidInput, "bad percent escape at byte " + std::to_string(offset + i));
    }
    *end++ = static_cast<char>(high * 16 + low);
    i += 3;
  }
  decoded_.resize(static_cast<std::size_t>(end - decoded_.data()));
  out = Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(decoded_.size() - begin), true};
  return Status::ok();
}

Result<FormFields> FormFields::decode(std::string_view body) {
  if (body.size() >= std::numeric_limits<std::uint32_t>::max()) {
    return Status(StatusCode::kInvalidInput, "form body of " + std::to_string(body.size()) + " bytes is too long");
  }
  FormFields form;
  form.body_ = body;
  // Room for a Twilio webhook's parameters; a longer form grows the vector
  // (reserving per '&' would let a hostile body of '&'s allocate 24 times its size).
  form.fields_.reserve(kFieldsExpected);
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t equals = std::min(pair.find('='), pair.size());
      Field& field = form.fields_.emplace_back();  // filled in place: no copy to read back
      Status name = form.add_component(pair.substr(0, equals), start, field.name);
      if (!name.is_ok()) return name;
      // Without '=' the value is empty (a view at the pair's end, in the body).
      const std::string_view raw_value = pair.substr(std::min(equals + 1, pair.size()));
      Status value = form.add_component(raw_value, start + equals + 1, field.value);
      if (!value.is_ok()) return value;
    }
    start = end + 1;
  }
  return form;
}

std::vector<FormParamView> FormFields::views() const {
  std::vector<FormParamView> out;
  out.reserve(fields_.size());
  for (const Field& field : fields_) out.push_back(FormParamView{text(field.name), text(field.value)});
  return out;
}

Result<std::optional<std::string_view>> FormFields::find(std::string_view name) const {
  std::optional<std::string_view> found;
  for (const Field& field : fields_) {
    // Sizes, then the first byte, tell most names apart before a compare.
    if (field.name.size != name.size()) continue;
    const std::string_view candidate = text(field.name);
    if (!name.empty() && (candidate.front() != name.front() || candidate != name)) continue;
    if (found) return Status(StatusCode::kInvalidInput, "parameter " + std::string(name) + " appears more than once");
    found = text(field.value);
  }
  return found;
}

}  // namespace msgsim::stack
