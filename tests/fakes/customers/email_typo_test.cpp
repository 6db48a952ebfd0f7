// Mistyped e-mail addresses: always different from the address, shaped like
// real slips (neighbouring letters or digits swapped, a domain slip), the
// same for the same seed, and harmless on any text.
#include "fakes/customers/email_typo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace msgsim::fakes {
namespace {

// Two strings of one length differing in exactly two neighbouring, swapped places.
bool neighbours_swapped(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    return a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  }
  return false;
}

// Every typo differs from the address and has the shape its kind names; every kind occurs.
TEST(EmailTypo, EveryTypoIsARealisticSlipOfTheAddress) {
  runtime::RandomStream stream(11);
  const std::string email = "person1234@example.com";
  std::array<int, 3> kinds{};
  for (int i = 0; i < 600; ++i) {
    const EmailTypo typo = mistype_email(email, stream);
    ASSERT_NE(typo.typed, email);
    ++kinds[static_cast<std::size_t>(typo.kind)];
    const std::size_t at = typo.typed.rfind('@');
    switch (typo.kind) {
      case EmailTypoKind::kTransposedDigits:
        EXPECT_TRUE(neighbours_swapped(email, typo.typed)) << typo.typed;
        EXPECT_EQ(typo.typed.substr(0, 6), "person") << typo.typed;
        EXPECT_EQ(typo.typed.substr(at), "@example.com") << typo.typed;
        break;
      case EmailTypoKind::kTransposedLetters:
        EXPECT_TRUE(neighbours_swapped(email, typo.typed)) << typo.typed;
        EXPECT_EQ(typo.typed.substr(at), "@example.com") << typo.typed;
        EXPECT_NE(typo.typed.substr(0, 6), "person") << typo.typed;
        break;
      case EmailTypoKind::kDomainSlip:
        EXPECT_EQ(typo.typed.substr(0, at), "person1234") << typo.typed;
        EXPECT_NE(typo.typed.substr(at), "@example.com") << typo.typed;
        break;
    }
  }
  for (const int count : kinds) EXPECT_GT(count, 150);  // a third each, give or take
}

// A digit swap in a numbered address is another numbered address, as a neighbour's would be.
TEST(EmailTypo, SwappedDigitsGiveAnotherNumberedAddress) {
  runtime::RandomStream stream(3);
  bool seen = false;
  for (int i = 0; i < 60 && !seen; ++i) {
    const EmailTypo typo = mistype_email("person12@example.com", stream);
    if (typo.kind != EmailTypoKind::kTransposedDigits) continue;
    EXPECT_EQ(typo.typed, "person21@example.com");
    seen = true;
  }
  EXPECT_TRUE(seen);
}

// "gmail.com"-style domains slip the way people slip: swapped letters, a dropped one, a wrong ".com".
TEST(EmailTypo, DomainSlipsLookLikeGmialDotCom) {
  runtime::RandomStream stream(5);
  int slips = 0;
  for (int i = 0; i < 300; ++i) {
    const EmailTypo typo = mistype_email("ann@gmail.com", stream);
    if (typo.kind != EmailTypoKind::kDomainSlip) continue;
    ++slips;
    const std::string domain = typo.typed.substr(typo.typed.rfind('@') + 1);
    const bool swapped = neighbours_swapped("gmail.com", domain);
    const bool dropped = domain.size() == 8 && domain.ends_with(".com");
    const bool top_level = domain == "gmail.con" || domain == "gmail.cm" || domain == "gmail.co";
    EXPECT_TRUE(swapped || dropped || top_level) << domain;
  }
  EXPECT_GT(slips, 50);
}

// The same seed gives the same typos; another seed gives others.
TEST(EmailTypo, SameSeedSameTypos) {
  auto typos = [](std::uint64_t seed) {
    runtime::RandomStream stream(seed);
    std::string all;
    for (int i = 0; i < 50; ++i) all += mistype_email("person987@example.com", stream).typed + " ";
    return all;
  };
  EXPECT_EQ(typos(7), typos(7));
  EXPECT_NE(typos(7), typos(8));
}

// Text that is no address, or an address with nothing to swap, still comes out different and never crashes.
TEST(EmailTypo, AnyTextComesOutDifferent) {
  runtime::RandomStream stream(1);
  const std::vector<std::string> texts = {"",   "@",           "@@",           "a",
                                          "aa@", "11@1",        "x@y",          "no-at-sign",
                                          "a.b@localhost",      "aaaa@bbbb.cc", std::string(1000, 'z') + "@q.q"};
  for (const std::string& text : texts) {
    for (int i = 0; i < 30; ++i) EXPECT_NE(mistype_email(text, stream).typed, text) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace msgsim::fakes
