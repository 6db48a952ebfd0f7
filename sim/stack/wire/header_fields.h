// Reading HTTP headers that carry data (Apple's id, source-id, ...; retry
// and idempotency keys) as hostile input: present, not empty, bounded, and
// printable ASCII, or a refusal naming the header. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"

namespace msgsim::stack {

// The value of header `name`; kInvalidInput "header <name>: <why>" when it
// is missing, empty, longer than `bytes_max` or not printable ASCII.
runtime::Result<std::string> read_header(const HttpRequest& request, std::string_view name, std::size_t bytes_max);

// As read_header, but an absent header gives "" instead of a refusal.
runtime::Result<std::string> read_optional_header(const HttpRequest& request, std::string_view name,
                                                  std::size_t bytes_max);

// The decimal digits of `text` as a non-negative int64, or -1 when it is
// empty, has another character or overflows.
std::int64_t parse_decimal(std::string_view text);

}  // namespace msgsim::stack
