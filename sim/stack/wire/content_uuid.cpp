#include "sim/stack/wire/content_uuid.h"

#include <cstdio>

#include "sim/runtime/flat_map.h"
#include "sim/stack/wire/wire_numbering.h"

namespace msgsim::stack {

std::string content_uuid(std::string_view first, std::string_view second) {
  const std::uint64_t high = hash_provider_id(first);
  const std::uint64_t low = runtime::mix64(high ^ hash_provider_id(second));
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32), static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                static_cast<unsigned long long>(high & 0xFFF),
                static_cast<unsigned long long>(0x8000 | ((low >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
  return text;
}

}  // namespace msgsim::stack
