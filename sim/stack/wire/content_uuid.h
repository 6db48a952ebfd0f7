// A UUID-shaped id derived from content: the id of a business message whose
// sender gave none (no retry key), and of records the platforms name by
// UUID but the simulation has no id for (a web conversation, a partner's
// acknowledgement entry). The same content gives the same id, so a resend
// is recognisable. Pure; any thread.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace msgsim::stack {

constexpr std::size_t kUuidChars = 36;

// The characters of a UUID, held without an allocation.
struct UuidText {
  std::array<char, kUuidChars> chars{};

  std::string_view view() const { return std::string_view(chars.data(), chars.size()); }
};

// Version-4 layout (8-4-4-4-12 lowercase hex) filled from FNV-1a and
// SplitMix64 of `first` and `second`.
UuidText content_uuid_text(std::string_view first, std::string_view second);

// The same as a string.
inline std::string content_uuid(std::string_view first, std::string_view second) {
  return std::string(content_uuid_text(first, second).view());
}

}  // namespace msgsim::stack
