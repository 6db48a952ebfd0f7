// Keyword sets per language end to end: customers who write their keywords
// in Spanish are answered in Spanish, the consent oracle knows every
// language's words and responses, and a word that means two things in two
// languages of one channel is refused before anything runs.
#include <gtest/gtest.h>

#include <string>

#include "sim/harness/scenario_loader.h"
#include "sim/harness/support_check.h"
#include "sim/harness/world.h"

namespace msgsim::harness {
namespace {

std::string scenario(const std::string& spanish_keywords) {
  return R"json({"msgsim": 1, "name": "languages", "seed": 5, "duration": "3h", "drain": "1h",
    "org": {"queues": [{"id": "support"}],
      "channels": [{"id": "sms-us", "type": "sms", "address": "+14155550100",
        "routing": {"queue": "support"}, "fallback_queue": "support",
        "consent": {"keyword_pack": "default",
          "responses": {"opt_out": "You are unsubscribed.", "opt_in": "Welcome back."},
          "languages": {"es": {"keywords": )json" +
         spanish_keywords + R"json(,
                               "responses": {"opt_out": "Se ha dado de baja."}}}}}],
      "agents": [{"id": "agent", "count": 4, "queues": ["support"], "capacity": 3,
                  "permission_sets": ["MessagingUser"],
                  "behavior": {"accept_delay": "5s", "reply_delay": "exp(60s)", "handle_time": "exp(10m)"}}]},
    "providers": {"*": {"latency": "200ms"}},
    "customers": {"populations": [{"id": "texters", "arrivals": {"count": 300, "over": "2h"},
      "channels": {"sms-us": 1.0}, "languages": {"en": 0.5, "es": 0.5},
      "consent": {"opt_out_probability": 0.4, "opt_in_again_probability": 0.5, "help_probability": 0.1},
      "behavior": {"messages": "geometric(3)", "think_time": "exp(40s)"}}]}})json";
}

const std::string kSpanish = R"({"opt_out": ["ALTO"], "opt_in": ["COMENZAR"], "help": ["AYUDA"]})";

TEST(ConsentLanguages, SpanishKeywordsAreAnsweredInSpanishAndJudgedAsKeywords) {
  runtime::Result<Scenario> loaded = load_scenario_text(scenario(kSpanish), "languages.json");
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  ASSERT_TRUE(check_supported(loaded.value()).is_ok()) << check_supported(loaded.value()).message();
  World world(loaded.value(), 5);
  const Metrics metrics = world.run();
  ASSERT_TRUE(metrics.consent.has_value());
  EXPECT_EQ(metrics.consent->violations(), 0u) << metrics.consent->violations_json().dump();
  EXPECT_GT(metrics.consent->opt_outs, 20u);

  std::size_t alto = 0, stop = 0, spanish_confirmations = 0, english_confirmations = 0, comenzar = 0;
  for (const fakes::BoundaryEvent& event : world.truth().boundary()) {
    if (event.direction == fakes::BoundaryDirection::kInbound) {
      alto += event.text.find("ALTO") != std::string::npos || event.text.find("alto") != std::string::npos;
      stop += event.text == "STOP";
      comenzar += event.text == "COMENZAR";
    } else {
      spanish_confirmations += event.text == "Se ha dado de baja.";
      english_confirmations += event.text == "You are unsubscribed.";
    }
  }
  EXPECT_GT(alto, 5u);
  EXPECT_GT(stop, 5u);
  EXPECT_GT(comenzar, 0u);
  // One confirmation per opt-out, each in the language of its keyword.
  EXPECT_EQ(spanish_confirmations, alto);
  EXPECT_EQ(english_confirmations + spanish_confirmations, metrics.consent->opt_outs);
}

TEST(ConsentLanguages, AWordMeaningTwoThingsOnOneChannelIsRefusedWithItsPath) {
  runtime::Result<Scenario> loaded =
      load_scenario_text(scenario(R"({"opt_out": ["ALTO"], "opt_in": ["STOP"]})"), "languages.json");
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  const runtime::Status supported = check_supported(loaded.value());
  EXPECT_EQ(supported.code(), runtime::StatusCode::kInvalidInput);
  EXPECT_NE(supported.message().find("languages.json: at org.channels[0].consent.languages.es.keywords: "),
            std::string::npos)
      << supported.message();
}

TEST(ConsentLanguages, ALanguageKeyMustBeALanguageTag) {
  std::string text = scenario(kSpanish);
  text.replace(text.find("\"es\": {\"keywords\""), 4, "\"e s\"");
  const runtime::Result<Scenario> loaded = load_scenario_text(text, "languages.json");
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_NE(loaded.status().message().find("at org.channels[0].consent.languages: expected language tags"),
            std::string::npos)
      << loaded.status().message();
}

}  // namespace
}  // namespace msgsim::harness
