// A UUID-shaped id derived from content: the id of a business message whose
// sender gave none (no retry key), and of records the platforms name by
// UUID but the simulation has no id for (a web conversation, a partner's
// acknowledgement entry). The same content gives the same id, so a resend
// is recognisable. Pure; any thread.
#pragma once

#include <string>
#include <string_view>

namespace msgsim::stack {

// Version-4 layout (8-4-4-4-12 lowercase hex) filled from FNV-1a and
// SplitMix64 of `first` and `second`.
std::string content_uuid(std::string_view first, std::string_view second);

}  // namespace msgsim::stack
