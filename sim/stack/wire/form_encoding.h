// application/x-www-form-urlencoded, the body of Twilio's webhooks and of
// its REST API calls: name=value pairs joined by '&', each percent-encoded
// as Twilio's helper libraries do (letters, digits and "-._~" as they are,
// space as '+', every other byte as %XX with uppercase hex). Decoding is
// decode_form_body in sim/stack/channels/signatures.h.
// Pure functions; any thread may call them.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/body_writer.h"

namespace msgsim::stack {

// Appends "name=value" (preceded by '&' unless `body` is empty).
void append_form_field(std::string& body, std::string_view name, std::string_view value);
// The same through a writer (preceded by '&' unless the writer has
// written nothing yet).
void append_form_field(BodyWriter& body, std::string_view name, std::string_view value);

// Writes `text` percent-encoded at `out`, which has room for
// 3 * text.size() + 1 bytes (a byte is stored four at a time); returns the
// end of the encoding.
char* write_form_encoded(char* out, std::string_view text);

// The most bytes append_form_field can write for `params` (every byte
// escaped): what to reserve so that encoding them allocates once.
std::size_t form_body_bytes_max(std::span<const FormParamView> params);

// The value of the one parameter called `name`, or nullptr when there is
// none; kInvalidInput naming it when it appears more than once (which value
// counts would be a guess).
runtime::Result<const std::string*> find_form_param(const FormParams& params, std::string_view name);

}  // namespace msgsim::stack
