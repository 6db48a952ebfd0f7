// Keyword sets per language on one channel: a keyword in any of them is a
// keyword, and the platform answers in the language the customer used (the
// channel's own text where that language has none).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/runtime/sim_runtime.h"
#include "sim/stack/consent/consent_ledger.h"
#include "sim/stack/stack.h"
#include "tests/stack/stack_fixture.h"

namespace msgsim::stack {
namespace {

using testing::RecordingProvider;

struct ConsentLanguagesTest : ::testing::Test {
  runtime::SimRuntime runtime{1};
  Stack stack{runtime};
  RecordingProvider phone;
  ChannelId sms;
  std::uint64_t next_id = 1;

  void SetUp() override {
    QueueSettings queue;
    queue.id = "support";
    const QueueId q = stack.router().add_queue(queue);
    ChannelSettings settings;
    settings.id = "sms";
    settings.type = ChannelType::kSms;
    settings.route_queue = q;
    settings.fallback_queue = q;
    settings.consent.enabled = true;
    settings.consent.keywords_enabled = true;
    settings.consent.required = ConsentLevel::kDouble;
    settings.consent.pack = keyword_pack("default").take();
    settings.consent.double_opt_in = {"YES"};
    settings.consent.opt_out_response = "You are unsubscribed.";
    settings.consent.help_response = "Acme: reply STOP to opt out.";
    settings.consent.double_opt_in_prompt = "Reply YES to confirm.";

    ConsentLanguageSettings spanish;
    spanish.tag = "es";
    spanish.words = KeywordPack{.name = "es", .keywords = {}};
    ASSERT_TRUE(add_keyword(spanish.words, "ALTO", KeywordAction::kOptOut).is_ok());
    ASSERT_TRUE(add_keyword(spanish.words, "COMENZAR", KeywordAction::kOptIn).is_ok());
    ASSERT_TRUE(add_keyword(spanish.words, "AYUDA", KeywordAction::kHelp).is_ok());
    spanish.double_opt_in = {"SI"};
    spanish.opt_out_response = "Se ha dado de baja.";
    spanish.double_opt_in_prompt = "Responda SI para confirmar.";
    // No help text in Spanish: the channel's own is sent.
    settings.consent.languages.push_back(spanish);
    sms = stack.channels().add(settings).value();
    stack.channels().connect(sms, &phone);
  }

  void text(std::uint64_t from, const char* body) {
    ASSERT_TRUE(
        stack.receive_webhook(InboundWebhook{sms, CustomerHandle{from}, ProviderMessageId{next_id++}, body, runtime.now()})
            .is_ok());
  }
  ConsentLevel level(std::uint64_t from) { return stack.consent().level(stack.users().find(sms, CustomerHandle{from})); }
};

TEST_F(ConsentLanguagesTest, AKeywordInAnotherLanguageIsAnsweredInThatLanguage) {
  text(1, "  alto ");
  EXPECT_EQ(level(1), ConsentLevel::kOptedOut);
  text(2, "STOP");
  EXPECT_EQ(level(2), ConsentLevel::kOptedOut);
  EXPECT_EQ(phone.sent, (std::vector<std::string>{"Se ha dado de baja.", "You are unsubscribed."}));
}

TEST_F(ConsentLanguagesTest, AnAbsentTranslationFallsBackToTheChannelsText) {
  text(1, "AYUDA");
  EXPECT_EQ(phone.sent, (std::vector<std::string>{"Acme: reply STOP to opt out."}));
}

TEST_F(ConsentLanguagesTest, DoubleOptInRunsInTheLanguageTheCustomerChose) {
  text(1, "COMENZAR");
  EXPECT_EQ(level(1), ConsentLevel::kExplicit);
  ASSERT_EQ(phone.sent, (std::vector<std::string>{"Responda SI para confirmar."}));
  text(1, "si");
  EXPECT_EQ(level(1), ConsentLevel::kDouble);
  // Switching languages switches the answers: STOP in English, confirmed in English.
  text(1, "STOP");
  EXPECT_EQ(phone.sent.back(), "You are unsubscribed.");
}

// Classifying a text names the keyword set it is in, the channel's own
// first; answers count only while a prompt is pending, and before keywords.
TEST_F(ConsentLanguagesTest, ClassifyNamesTheKeywordSetTheChannelsOwnFirst) {
  const ChannelConsentSettings& consent = stack.channels().settings(sms).consent;
  auto expect = [&](const char* text, bool answers, ConsentExchange exchange,
                    std::optional<ConsentLanguageIndex> language) {
    const ConsentMatch match = ConsentLedger::classify(consent, text, answers);
    EXPECT_EQ(match.exchange, exchange) << text << " answers=" << answers;
    EXPECT_EQ(match.language, language) << text << " answers=" << answers;
  };
  expect("STOP", false, ConsentExchange::kOptOut, 0);
  expect("yes", true, ConsentExchange::kDoubleOptIn, 0);
  expect("yes", false, ConsentExchange::kOptIn, 0);  // the default pack's opt-in keyword
  expect("Alto", false, ConsentExchange::kOptOut, 1);
  expect(" si ", true, ConsentExchange::kDoubleOptIn, 1);
  expect(" si ", false, ConsentExchange::kNone, std::nullopt);  // an answer, not a keyword
  expect("alto ahi", true, ConsentExchange::kNone, std::nullopt);
  EXPECT_EQ(consent.opt_out_text(1), "Se ha dado de baja.");
  EXPECT_EQ(consent.opt_out_text(0), "You are unsubscribed.");
  EXPECT_EQ(consent.opt_out_text(9), "You are unsubscribed.");  // no such language: the channel's own
}

}  // namespace
}  // namespace msgsim::stack
