#include "sim/stack/users/identity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace msgsim::stack {
namespace {

using runtime::Duration;
using runtime::Time;

// A reassigned-numbers database that knows one reassignment.
struct OneReassignment : ReassignedNumbers {
  std::string number;
  Time at;
  bool reassigned_between(std::string_view e164, Time from, Time to) const override {
    return e164 == number && at > from && at <= to;
  }
};

struct IdentityTest : ::testing::Test {
  Tracer tracer;
  MessagingUsers users;
  Identity identity{tracer, users};
  std::uint64_t next_handle = 1;

  // A first message from a new user on channel `channel` of `type`.
  MessagingUserId write(std::uint32_t channel, ChannelType type, std::string address, std::string text = "hi",
                        std::string subject = "", Time at = Time()) {
    InboundWebhook webhook;
    webhook.channel = ChannelId(channel);
    webhook.from = CustomerHandle{next_handle++};
    webhook.text = std::move(text);
    webhook.from_address = std::move(address);
    webhook.verified_subject = std::move(subject);
    const MessagingUserId user = users.find_or_create(webhook.channel, webhook.from).id;
    identity.on_inbound(user, type, true, webhook, at);
    return user;
  }
  bool linked(MessagingUserId a, MessagingUserId b) const {
    return identity.contact_of(a).valid() && identity.contact_of(a) == identity.contact_of(b);
  }
  void use_policy(IdentityPolicy policy, bool reassigned_check = true) {
    IdentitySettings settings;
    settings.policy = policy;
    settings.reassigned_numbers_check = reassigned_check;
    identity.configure(settings);
  }
};

// A formatted SMS number and a bare WhatsApp wa_id normalise to one E.164 number.
TEST(PhoneNormalisation, FormattedAndDigitsOnlyNumbersAreOneNumber) {
  EXPECT_EQ(normalize_phone("+1 (415) 555-0123", "US"), std::optional<std::string>("+14155550123"));
  EXPECT_EQ(normalize_phone("+14155550123", "US"), std::optional<std::string>("+14155550123"));
  EXPECT_EQ(normalize_phone("(415) 555-0123", "US"), std::optional<std::string>("+14155550123"));
  EXPECT_FALSE(normalize_phone("1234", "US").has_value());
}

// Plain E.164 numbers of the fast calling codes normalise exactly as the
// phone library's full parse reads them: random national numbers of every
// length, with and without leading zeros and trunk prefixes, possible and
// impossible alike (fixed seed; 5,000 per calling code).
TEST(PhoneNormalisation, TheFastPathAgreesWithTheFullParse) {
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  int compared = 0;
  for (const int code : fast_phone_calling_codes()) {
    for (int i = 0; i < 5'000; ++i) {
      std::string text = "+" + std::to_string(code);
      const std::uint64_t shape = next() % 4;
      if (shape == 1) text += "0";
      if (shape == 2) text += "00";
      if (shape == 3) text += static_cast<char>('0' + next() % 2);
      const std::uint64_t length = 1 + next() % 17;
      for (std::uint64_t d = 0; d < length; ++d) text += static_cast<char>('0' + next() % 10);
      ASSERT_EQ(normalize_phone(text, "US"), normalize_phone_by_full_parse(text, "US")) << text;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 5'000 * static_cast<int>(fast_phone_calling_codes().size()));
  EXPECT_EQ(normalize_phone("+442079460000", "US"), std::optional<std::string>("+442079460000"));
  EXPECT_EQ(normalize_phone("+4402079460000", "US"), normalize_phone_by_full_parse("+4402079460000", "US"));
}

// Under the default policy SMS and WhatsApp users with the same phone share a contact.
TEST_F(IdentityTest, VerifiedPolicyLinksSmsAndWhatsappWithTheSamePhone) {
  const MessagingUserId sms = write(0, ChannelType::kSms, "+1 (415) 555-0123");
  const MessagingUserId whatsapp = write(1, ChannelType::kWhatsapp, "14155550123");
  const MessagingUserId messenger = write(2, ChannelType::kMessenger, "psid-7");
  EXPECT_TRUE(linked(sms, whatsapp));
  EXPECT_FALSE(identity.contact_of(messenger).valid());
}

// The verified policy ignores identifiers typed in messages.
TEST_F(IdentityTest, VerifiedPolicyIgnoresTypedPhoneNumbers) {
  const MessagingUserId sms = write(0, ChannelType::kSms, "+14155550123");
  const MessagingUserId web = write(2, ChannelType::kWeb, "visitor-1", "my number is (415) 555-0123");
  EXPECT_FALSE(linked(sms, web));
}

// The strict policy links only the same verified subject, never a phone.
TEST_F(IdentityTest, StrictPolicyLinksOnlyVerifiedSubjects) {
  use_policy(IdentityPolicy::kStrict);
  const MessagingUserId sms = write(0, ChannelType::kSms, "+14155550123");
  const MessagingUserId whatsapp = write(1, ChannelType::kWhatsapp, "14155550123");
  const MessagingUserId web = write(2, ChannelType::kWeb, "visitor-1", "hi", "user-9");
  const MessagingUserId app = write(3, ChannelType::kInApp, "visitor-2", "hi", "user-9");
  EXPECT_FALSE(linked(sms, whatsapp));
  EXPECT_TRUE(linked(web, app));
}

// Under the strict policy an agent's explicit link still joins a user to a contact.
TEST_F(IdentityTest, StrictPolicyAcceptsAnAgentsLink) {
  use_policy(IdentityPolicy::kStrict);
  const MessagingUserId web = write(2, ChannelType::kWeb, "visitor-1", "hi", "user-9");
  const MessagingUserId app = write(3, ChannelType::kInApp, "visitor-2", "hi", "user-9");
  const MessagingUserId sms = write(0, ChannelType::kSms, "+14155550123");
  ASSERT_TRUE(identity.link_by_agent(AgentId(0), sms, identity.contact_of(web), Time()).is_ok());
  EXPECT_TRUE(linked(sms, app));
}

// The phone_email policy also links numbers and e-mails typed in messages.
TEST_F(IdentityTest, PhoneEmailPolicyLinksTypedIdentifiers) {
  use_policy(IdentityPolicy::kPhoneEmail);
  const MessagingUserId sms = write(0, ChannelType::kSms, "+14155550123");
  const MessagingUserId web = write(2, ChannelType::kWeb, "visitor-1", "call me on 415-555-0123 please");
  const MessagingUserId first = write(2, ChannelType::kWeb, "visitor-2", "I am Bob@Example.com");
  const MessagingUserId second = write(3, ChannelType::kMessenger, "psid-3", "mail bob@example.com");
  EXPECT_TRUE(linked(sms, web));
  EXPECT_TRUE(linked(first, second));
  EXPECT_FALSE(linked(sms, first));
}

// The none policy never links, and refuses an agent's link.
TEST_F(IdentityTest, NonePolicyNeverLinks) {
  use_policy(IdentityPolicy::kNone);
  const MessagingUserId sms = write(0, ChannelType::kSms, "+14155550123");
  const MessagingUserId whatsapp = write(1, ChannelType::kWhatsapp, "14155550123");
  const MessagingUserId web = write(2, ChannelType::kWeb, "visitor-1", "hi", "user-9");
  const MessagingUserId app = write(3, ChannelType::kInApp, "visitor-2", "hi", "user-9");
  EXPECT_FALSE(linked(sms, whatsapp));
  EXPECT_FALSE(linked(web, app));
  EXPECT_FALSE(identity.link_by_agent(AgentId(0), sms, ContactId(0), Time()).is_ok());
}

// A number reassigned between two users' messages does not link them, unless the check is off.
TEST_F(IdentityTest, ReassignedNumberIsNotLinked) {
  OneReassignment database;
  database.number = "+14155550123";
  database.at = Time::at(Duration::hours(1));
  identity.set_reassigned_numbers(&database);
  const MessagingUserId before = write(0, ChannelType::kSms, "+14155550123", "hi", "", Time());
  const MessagingUserId after =
      write(1, ChannelType::kWhatsapp, "14155550123", "hi", "", Time::at(Duration::hours(2)));
  const MessagingUserId later = write(0, ChannelType::kSms, "+14155550123", "hi", "", Time::at(Duration::hours(3)));
  EXPECT_FALSE(linked(before, after));
  EXPECT_TRUE(linked(after, later));
  EXPECT_FALSE(linked(before, later));
}

// With reassigned_numbers_check off, a reassigned number links old and new owner.
TEST_F(IdentityTest, ReassignedNumberIsLinkedWhenTheCheckIsOff) {
  use_policy(IdentityPolicy::kVerified, false);
  OneReassignment database;
  database.number = "+14155550123";
  database.at = Time::at(Duration::hours(1));
  identity.set_reassigned_numbers(&database);
  const MessagingUserId before = write(0, ChannelType::kSms, "+14155550123", "hi", "", Time());
  const MessagingUserId after =
      write(1, ChannelType::kWhatsapp, "14155550123", "hi", "", Time::at(Duration::hours(2)));
  EXPECT_TRUE(linked(before, after));
}

}  // namespace
}  // namespace msgsim::stack
