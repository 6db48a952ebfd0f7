// An application/x-www-form-urlencoded body (Twilio's webhooks and REST
// calls) decoded into views instead of a string per name and value: a
// component without escapes is read in place, and only the escaped ones
// are decoded, into one buffer. Same rules and messages as
// decode_form_body in signatures.h: '&'-separated name=value, '+' is a
// space, %XX a byte, a bad escape is refused naming its offset, empty
// pairs are skipped, a pair without '=' has an empty value.
//
// A FormFields borrows the body it decoded: REQUIRES the body outlives it
// and every view taken from it. A value type; any thread may read one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/status.h"

namespace msgsim::stack {

// One parameter as views of its decoded name and value.
struct FormParamView {
  std::string_view name;
  std::string_view value;
};

class FormFields;

// Every parameter of a FormFields as views, in arrival order, held on the
// stack for a form of the usual size (a Twilio webhook's two dozen).
// Borrows the FormFields' text. Not copyable: the span points inside it.
class FormParamViews {
 public:
  explicit FormParamViews(const FormFields& fields);
  FormParamViews(const FormParamViews&) = delete;
  FormParamViews& operator=(const FormParamViews&) = delete;

  std::span<FormParamView> span() { return std::span<FormParamView>(data_, size_); }

 private:
  std::array<FormParamView, 32> stack_views_;
  std::vector<FormParamView> heap_views_;
  FormParamView* data_ = nullptr;
  std::size_t size_ = 0;
};

class FormFields {
 public:
  // kInvalidInput "bad percent escape at byte N" for a malformed escape.
  static runtime::Result<FormFields> decode(std::string_view body);

  // Parameters in arrival order; a name may repeat.
  std::size_t size() const { return fields_.size(); }
  std::string_view name(std::size_t index) const { return text(fields_[index].name); }
  std::string_view value(std::size_t index) const { return text(fields_[index].value); }

  // Every parameter, in arrival order.
  std::vector<FormParamView> views() const;

  // The value of the one parameter called `name`, or nullopt when there is
  // none; kInvalidInput naming it when it appears more than once.
  runtime::Result<std::optional<std::string_view>> find(std::string_view name) const;

 private:
  // A component: bytes of the body, or of decoded_ once unescaped. Offsets,
  // not views, so moving a FormFields (and its buffer) keeps them right.
  struct Span {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    bool decoded = false;
  };
  struct Field {
    Span name;
    Span value;
  };

  // Decodes `raw` (REQUIRES: a view into body_) into `out`; `offset` is
  // where messages say it starts; `escaped` is false when it has no '%'
  // or '+' (then it is a view of the body).
  runtime::Status add_component(std::string_view raw, std::size_t offset, bool escaped, Span& out);
  // The pair at body_[start, end), whose first '=' is at `equals` (npos or
  // past `end` when it has none).
  runtime::Status add_field(std::size_t start, std::size_t end, std::size_t equals, bool name_escaped,
                            bool value_escaped);
  std::string_view text(const Span& span) const {
    return (span.decoded ? std::string_view(decoded_) : body_).substr(span.begin, span.size);
  }

  std::string_view body_;
  std::string decoded_;
  std::vector<Field> fields_;
};

}  // namespace msgsim::stack
