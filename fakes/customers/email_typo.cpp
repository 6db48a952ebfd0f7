#include "fakes/customers/email_typo.h"

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace msgsim::fakes {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `text` with two different neighbouring characters in [begin, end) that
// both pass `accepts` swapped, the pair drawn uniformly; none when no such
// pair exists.
template <typename Accepts>
std::optional<std::string> swap_neighbours(std::string_view text, std::size_t begin, std::size_t end, Accepts accepts,
                                           runtime::RandomStream& stream) {
  std::vector<std::size_t> pairs;
  for (std::size_t i = begin; i + 1 < end; ++i) {
    if (accepts(text[i]) && accepts(text[i + 1]) && text[i] != text[i + 1]) pairs.push_back(i);
  }
  if (pairs.empty()) return std::nullopt;
  const std::size_t at = pairs[static_cast<std::size_t>(stream.next_below(pairs.size()))];
  std::string out(text);
  std::swap(out[at], out[at + 1]);
  return out;
}

// A wrong top-level domain as fingers make it: "com" is the one typed most.
// REQUIRES: `dot` indexes a '.' of `text`.
std::optional<std::string> slip_top_level(std::string_view text, std::size_t dot, runtime::RandomStream& stream) {
  if (dot + 1 >= text.size()) return std::nullopt;
  const std::string_view top = text.substr(dot + 1);
  static constexpr std::array<std::string_view, 3> kForCom = {"con", "cm", "co"};
  std::string out(text.substr(0, dot + 1));
  if (top == "com") return out + std::string(kForCom[static_cast<std::size_t>(stream.next_below(kForCom.size()))]);
  return swap_neighbours(text, dot + 1, text.size(), is_letter, stream);
}

// The domain typed wrong: two letters of its name swapped ("gmial.com"),
// one letter of its name dropped ("gmal.com"), or a wrong top-level domain
// ("example.con"). Always a change: at worst its last character doubled.
std::string slip_domain(std::string_view text, std::size_t at, runtime::RandomStream& stream) {
  const std::size_t begin = at == std::string_view::npos ? text.size() : at + 1;
  const std::size_t dot = text.find('.', begin);
  const std::size_t name_end = dot == std::string_view::npos ? text.size() : dot;
  const std::uint64_t first = stream.next_below(3);
  for (std::uint64_t step = 0; step < 3; ++step) {
    switch ((first + step) % 3) {
      case 0:
        if (auto swapped = swap_neighbours(text, begin, name_end, is_letter, stream)) return *std::move(swapped);
        break;
      case 1:
        if (name_end - begin >= 3) {
          const std::size_t drop = begin + static_cast<std::size_t>(stream.next_below(name_end - begin));
          return std::string(text.substr(0, drop)) + std::string(text.substr(drop + 1));
        }
        break;
      default: {
        const std::size_t last_dot = text.rfind('.');
        if (last_dot == std::string_view::npos || last_dot < begin) break;
        if (auto top = slip_top_level(text, last_dot, stream)) return *std::move(top);
        break;
      }
    }
  }
  if (text.empty()) return "@";
  return std::string(text) + text.back();
}

}  // namespace

EmailTypo mistype_email(std::string_view email, runtime::RandomStream& stream) {
  const std::size_t at = email.rfind('@');
  const std::size_t local_end = at == std::string_view::npos ? email.size() : at;
  const auto first = static_cast<EmailTypoKind>(stream.next_below(3));
  for (std::uint8_t step = 0; step < 3; ++step) {
    const auto kind = static_cast<EmailTypoKind>((static_cast<std::uint8_t>(first) + step) % 3);
    switch (kind) {
      case EmailTypoKind::kTransposedDigits:
        if (auto typed = swap_neighbours(email, 0, local_end, is_digit, stream)) return {*std::move(typed), kind};
        break;
      case EmailTypoKind::kTransposedLetters:
        if (auto typed = swap_neighbours(email, 0, local_end, is_letter, stream)) return {*std::move(typed), kind};
        break;
      case EmailTypoKind::kDomainSlip: return {slip_domain(email, at, stream), kind};
    }
  }
  return {slip_domain(email, at, stream), EmailTypoKind::kDomainSlip};
}

}  // namespace msgsim::fakes
