#include "sim/stack/wire/content_uuid.h"

#include <cstdint>

#include "sim/runtime/flat_map.h"
#include "sim/stack/wire/wire_numbering.h"

namespace msgsim::stack {

namespace {

// The low `digits` hex digits of `value`, most significant first, at `out`.
void put_hex(char* out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kHex[value & 0xF];
    value >>= 4;
  }
}

}  // namespace

UuidText content_uuid_text(std::string_view first, std::string_view second) {
  const std::uint64_t high = hash_provider_id(first);
  const std::uint64_t low = runtime::mix64(high ^ hash_provider_id(second));
  // high's bits 63..16 and 11..0, the version nibble, then the variant bits
  // 10 over low's bits 61..0: "%08x-%04x-4%03x-%04x-%012x".
  UuidText text;
  char* out = text.chars.data();
  put_hex(out, high >> 32, 8);
  out[8] = '-';
  put_hex(out + 9, high >> 16, 4);
  out[13] = '-';
  out[14] = '4';
  put_hex(out + 15, high, 3);
  out[18] = '-';
  put_hex(out + 19, 0x8000 | ((low >> 48) & 0x3FFF), 4);
  out[23] = '-';
  put_hex(out + 24, low, 12);
  return text;
}

}  // namespace msgsim::stack
