#include "sim/stack/channels/form_fields.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Calls visit(offset, byte) for each '&', '=', '%' and '+' of `body` in
// order, sixteen bytes at a time where SSE2 is there, until visit returns
// false.
template <typename Visit>
void for_each_form_mark(std::string_view body, Visit&& visit) {
  std::size_t at = 0;
#if defined(__SSE2__)
  const __m128i ampersand = _mm_set1_epi8('&');
  const __m128i equals = _mm_set1_epi8('=');
  const __m128i percent = _mm_set1_epi8('%');
  const __m128i plus = _mm_set1_epi8('+');
  for (; at + 16 <= body.size(); at += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(body.data() + at));
    const __m128i marks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, ampersand), _mm_cmpeq_epi8(chunk, equals)),
                                       _mm_or_si128(_mm_cmpeq_epi8(chunk, percent), _mm_cmpeq_epi8(chunk, plus)));
    for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(marks)); mask != 0; mask &= mask - 1) {
      const std::size_t offset = at + static_cast<std::size_t>(std::countr_zero(mask));
      if (!visit(offset, body[offset])) return;
    }
  }
#endif
  for (; at < body.size(); ++at) {
    const char c = body[at];
    if ((c == '&' || c == '=' || c == '%' || c == '+') && !visit(at, c)) return;
  }
}

}  // namespace

Status FormFields::add_component(std::string_view raw, std::size_t offset, bool escaped, Span& out) {
  const std::size_t plain = escaped ? first_escape(raw) : raw.size();
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

Status FormFields::add_field(std::size_t start, std::size_t end, std::size_t equals, bool name_escaped,
                             bool value_escaped) {
  if (end == start) return Status::ok();  // empty pairs are skipped
  const std::string_view pair = body_.substr(start, end - start);
  const std::size_t name_size = std::min(equals, end) - start;
  Field& field = fields_.emplace_back();  // filled in place: no copy to read back
  Status name = add_component(pair.substr(0, name_size), start, name_escaped, field.name);
  if (!name.is_ok()) return name;
  // Without '=' the value is empty (a view at the pair's end, in the body).
  const std::string_view raw_value = pair.substr(std::min(name_size + 1, pair.size()));
  return add_component(raw_value, start + name_size + 1, value_escaped, field.value);
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
  // One pass over the marks ('&', '=', '%', '+'): the pairs' ends, each
  // pair's first '=', and whether its name or value has anything to decode.
  std::size_t start = 0;
  std::size_t equals = std::string_view::npos;
  bool name_escaped = false;
  bool value_escaped = false;
  Status failed;
  for_each_form_mark(body, [&](std::size_t at, char mark) {
    if (mark == '&') {
      failed = form.add_field(start, at, equals, name_escaped, value_escaped);
      start = at + 1;
      equals = std::string_view::npos;
      name_escaped = false;
      value_escaped = false;
      return failed.is_ok();
    }
    if (mark == '=') {
      if (equals == std::string_view::npos) equals = at;
    } else if (equals == std::string_view::npos) {
      name_escaped = true;
    } else {
      value_escaped = true;
    }
    return true;
  });
  if (!failed.is_ok()) return failed;
  Status last = form.add_field(start, body.size(), equals, name_escaped, value_escaped);
  if (!last.is_ok()) return last;
  return form;
}

FormParamViews::FormParamViews(const FormFields& fields) : size_(fields.size()) {
  if (size_ <= stack_views_.size()) {
    data_ = stack_views_.data();
  } else {
    heap_views_.resize(size_);
    data_ = heap_views_.data();
  }
  for (std::size_t i = 0; i < size_; ++i) data_[i] = FormParamView{fields.name(i), fields.value(i)};
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
