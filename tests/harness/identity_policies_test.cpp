// Identity policies against an adversarial population: 3,000 customers on
// SMS, WhatsApp and web, some sharing a phone with an earlier customer, some
// given an earlier customer's recycled number (who writes from a new number
// from then on), half with a verified web login, most typing their e-mail and
// some of them mistyping it, switching channels and coming back; plus a few
// scripted customers who type the same e-mail address on a web chat and on
// Messenger. Judged by the merge oracle against the fakes' ground truth:
//  - strict links only verified subjects: no false merge at all;
//  - verified with the reassigned-numbers check: false merges only where two
//    people truly share a phone, each reported with that cause; without the
//    check, recycled numbers merge strangers too;
//  - phone_email also links what customers typed: more recall, and typos
//    that land on someone else's address merge strangers, each reported as
//    a typed identifier; without typos there are none of those.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"

namespace msgsim::harness {
namespace {

constexpr std::uint64_t kPersonsMin = 3000;

struct Variant {
  std::string policy;
  bool reassigned_numbers_check = true;
  double email_typo = 0.05;
  auto key() const { return std::tie(policy, reassigned_numbers_check, email_typo); }
  bool operator<(const Variant& other) const { return key() < other.key(); }
};

std::string typing_script(int i) {
  const std::string email = "dana" + std::to_string(i) + "@example.com";
  return R"({"id": "dana-)" + std::to_string(i) + R"(", "steps": [
      {"at": ")" + std::to_string(i) + R"(h", "send": {"channel": "web", "text": "Hi, this is )" + email + R"("}},
      {"after": "30m", "send": {"channel": "fb", "text": "Following up from the web chat: )" + email + R"("}}]})";
}

std::string adversarial_scenario(const Variant& variant) {
  std::string scripts;
  for (int i = 1; i <= 3; ++i) scripts += (i > 1 ? ", " : "") + typing_script(i);
  return R"({"msgsim": 1, "name": "identity-policies", "seed": 29, "duration": "30h", "drain": "4h",
  "org": {"identity": {"policy": ")" + variant.policy + R"(", "phone_region": "US", "reassigned_numbers_check": )" +
         (variant.reassigned_numbers_check ? "true" : "false") + R"json(},
    "queues": [{"id": "q"}],
    "channels": [
      {"id": "sms", "type": "sms", "address": "+14155550100", "routing": {"queue": "q"}, "fallback_queue": "q"},
      {"id": "wa", "type": "whatsapp", "address": "+14155550101", "routing": {"queue": "q"}, "fallback_queue": "q"},
      {"id": "web", "type": "web", "address": "00000000-0000-4000-8000-000000000091",
       "routing": {"queue": "q"}, "fallback_queue": "q"},
      {"id": "fb", "type": "messenger", "address": "100200300400500", "routing": {"queue": "q"},
       "fallback_queue": "q"}],
    "agents": [{"id": "a", "count": 12, "queues": ["q"], "capacity": 3, "permission_sets": ["MessagingUser"],
                "behavior": {"handle_time": "exp(5m)", "reply_delay": "exp(20s)"}}]},
  "customers": {
    "populations": [{"id": "people", "arrivals": {"count": 3000, "over": "30h"},
      "channels": {"sms": 0.4, "wa": 0.4, "web": 0.2},
      "identity": {"has_email": 0.6, "verified_web": 0.5, "shared_phone": 0.03, "recycled_phone": 0.03,
                   "email_typo": )json" + std::to_string(variant.email_typo) + R"json(},
      "behavior": {"messages": "geometric(2)", "think_time": "exp(60s)", "switch_channel_probability": 0.3,
                   "switch_after": "exp(5m)", "return_probability": 0.4, "return_after": "exp(8h)"}}],
    "scripts": [)json" + scripts + R"(]}})";
}

MergeSummary run_variant(const Variant& variant) {
  runtime::Result<Scenario> loaded = load_scenario_text(adversarial_scenario(variant), "identity-policies.json");
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  if (!loaded.is_ok()) return MergeSummary();
  const runtime::Status supported = check_supported(loaded.value());
  EXPECT_TRUE(supported.is_ok()) << supported.message();
  World world(loaded.value(), loaded.value().seed);
  const MergeSummary merges = world.run().merges;
  EXPECT_GE(merges.persons, kPersonsMin);
  // Enough pairs to judge: people who switch channels or come back have several messaging users.
  EXPECT_GT(merges.true_pairs, 500u);
  return merges;
}

// Each variant runs once for the whole suite (a run takes a few seconds).
const MergeSummary& merges_under(const std::string& policy, bool reassigned_numbers_check = true,
                                 double email_typo = 0.05) {
  static std::map<Variant, MergeSummary> runs;
  const Variant variant{policy, reassigned_numbers_check, email_typo};
  auto found = runs.find(variant);
  if (found == runs.end()) found = runs.emplace(variant, run_variant(variant)).first;
  return found->second;
}

std::uint64_t false_merges(const MergeSummary& merges, FalseMergeCause cause) {
  return merges.false_merges_by_cause[static_cast<std::size_t>(cause)];
}

// strict links only the same verified login: it links some pairs and never two different people.
TEST(IdentityPolicies, StrictNeverMergesStrangers) {
  const MergeSummary& strict = merges_under("strict");
  EXPECT_GT(strict.correct_pairs, 0u);
  EXPECT_EQ(strict.false_merges(), 0u);
  EXPECT_EQ(strict.precision(), 1.0);
}

// verified with the reassigned-numbers check merges strangers only where two people truly share a phone,
// each reported with that cause: an earlier holder of a recycled number never writes from it again, so the
// check sees every reassignment. Without the check, recycled numbers merge strangers as well.
TEST(IdentityPolicies, VerifiedWithTheCheckMergesStrangersOnlyThroughASharedPhone) {
  const MergeSummary& verified = merges_under("verified");
  EXPECT_GT(verified.false_merges(), 0u);
  EXPECT_EQ(false_merges(verified, FalseMergeCause::kSharedPhone), verified.false_merges());
  EXPECT_EQ(false_merges(verified, FalseMergeCause::kRecycledPhone), 0u);

  const MergeSummary& unchecked = merges_under("verified", /*reassigned_numbers_check=*/false);
  EXPECT_GT(false_merges(unchecked, FalseMergeCause::kRecycledPhone), 50u);
  EXPECT_EQ(false_merges(unchecked, FalseMergeCause::kSharedPhone), verified.false_merges());
  EXPECT_EQ(unchecked.false_merges(), false_merges(unchecked, FalseMergeCause::kSharedPhone) +
                                          false_merges(unchecked, FalseMergeCause::kRecycledPhone));
  EXPECT_LT(verified.false_merges(), unchecked.false_merges());

  // Each false merge is listed with its evidence: two persons, their channels, linked by phone.
  ASSERT_FALSE(verified.listed.empty());
  EXPECT_LE(verified.listed.size(), MergeSummary::kFalseMergesListedMax);
  for (const FalseMergeExample& example : verified.listed) {
    EXPECT_EQ(example.cause, FalseMergeCause::kSharedPhone);
    EXPECT_NE(example.persons[0], example.persons[1]);
    ASSERT_EQ(example.evidence.size(), 2u);
    EXPECT_NE(example.evidence[0].find("linked by phone"), std::string::npos) << example.evidence[0];
  }
  const nlohmann::ordered_json json = verified.to_json();
  ASSERT_TRUE(json.contains("false_merges_listed"));
  EXPECT_EQ(json["false_merges_listed"][0]["cause"], "shared_phone");
}

// phone_email links everything verified links and what customers typed too: recall above verified's.
// Typos that land on someone else's address merge strangers, and each such pair is a typed identifier.
TEST(IdentityPolicies, PhoneEmailLinksTypedEmailsAndTyposMergeStrangers) {
  const MergeSummary& verified = merges_under("verified");
  const MergeSummary& phone_email = merges_under("phone_email");
  EXPECT_GT(phone_email.recall(), verified.recall() + 0.05);
  EXPECT_GE(phone_email.correct_pairs, verified.correct_pairs + 3);
  // Same population, same truth: only the links differ.
  EXPECT_EQ(phone_email.true_pairs, verified.true_pairs);
  EXPECT_GT(verified.recall(), 0.0);
  EXPECT_LT(verified.recall(), 1.0);

  EXPECT_GT(false_merges(phone_email, FalseMergeCause::kTypedIdentifier), 0u);
  EXPECT_EQ(false_merges(phone_email, FalseMergeCause::kRecycledPhone), 0u);
  EXPECT_EQ(false_merges(phone_email, FalseMergeCause::kOther), 0u);
  EXPECT_EQ(false_merges(phone_email, FalseMergeCause::kAgentLink), 0u);
  EXPECT_EQ(false_merges(verified, FalseMergeCause::kTypedIdentifier), 0u);
}

// Without typos, typed e-mails are each person's own: phone_email merges no stranger through them. The
// typo-free population is the same people (typos draw from their own stream), so shared phones merge alike.
TEST(IdentityPolicies, WithoutTyposTypedEmailsMergeNoStranger) {
  const MergeSummary& clean = merges_under("phone_email", true, /*email_typo=*/0.0);
  const MergeSummary& typos = merges_under("phone_email");
  EXPECT_EQ(false_merges(clean, FalseMergeCause::kTypedIdentifier), 0u);
  EXPECT_EQ(clean.false_merges(), false_merges(clean, FalseMergeCause::kSharedPhone));
  EXPECT_GT(typos.false_merges(), clean.false_merges());
  EXPECT_EQ(clean.true_pairs, typos.true_pairs);
  // A person who mistypes links their own channels by the typo too, but loses nothing else: recall holds.
  EXPECT_GT(clean.recall(), merges_under("verified").recall());
}

// none links nothing: no pair right, no pair wrong.
TEST(IdentityPolicies, NoneLinksNothing) {
  const MergeSummary& none = merges_under("none");
  EXPECT_EQ(none.predicted_pairs, 0u);
  EXPECT_EQ(none.recall(), 0.0);
}

}  // namespace
}  // namespace msgsim::harness
