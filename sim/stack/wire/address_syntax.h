// The syntax of the addresses and numeric fields phone platforms put on the
// wire: E.164 numbers (Twilio's From / To), WhatsApp ids (the same digits
// without '+'), short codes, and unsigned decimal fields (NumMedia, Unix
// timestamps written as strings). Syntax only: whether a number exists is
// the platform's business. Pure functions; any thread may call them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace msgsim::stack {

// '+', a digit 1-9, then up to 14 more digits (ITU-T E.164: 15 digits max).
bool is_e164(std::string_view text);
// A WhatsApp id: an E.164 number's digits without the '+'.
bool is_wa_id(std::string_view text);
// A short code: 3 to 8 digits.
bool is_short_code(std::string_view text);
// Only ASCII digits, at least one.
bool is_decimal_digits(std::string_view text);

// The value of an unsigned decimal ("0" or no leading zero), or nullopt when
// `text` is not one or does not fit in int64.
std::optional<std::int64_t> parse_unsigned_decimal(std::string_view text);

}  // namespace msgsim::stack
