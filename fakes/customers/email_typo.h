// How people mistype their e-mail address when they type it in a chat: two
// neighbouring letters swapped ("preson12@..."), two neighbouring digits
// swapped ("person21@...", which is another person's address when the
// addresses are numbered, as generated ones are), or a slip in the domain
// ("gmial.com", "example.con"). The kind and the position come from the
// caller's stream, so a seed replays the same typos. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/runtime/random.h"

namespace msgsim::fakes {

enum class EmailTypoKind : std::uint8_t { kTransposedLetters, kTransposedDigits, kDomainSlip };

struct EmailTypo {
  std::string typed;
  EmailTypoKind kind = EmailTypoKind::kTransposedLetters;
};

// `email` as someone mistypes it, never equal to it. The kind is drawn
// uniformly; one that cannot apply (no two different neighbouring digits,
// say) gives way to the next in turn, and a domain slip always applies.
// Any text is accepted: without an '@' it is all local part.
EmailTypo mistype_email(std::string_view email, runtime::RandomStream& stream);

}  // namespace msgsim::fakes
