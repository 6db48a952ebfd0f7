// SMS keyword packs, matching modes and the FCC revocation classifier, against
// every `sms_keywords` vector of the shared channel vectors.
#include "sim/stack/channels/keywords.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace msgsim::stack {
namespace {

using nlohmann::json;

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";

const json& vectors() {
  static const json parsed = [] {
    std::ifstream in(kVectorsPath);
    if (!in) ADD_FAILURE() << "cannot open " << kVectorsPath;
    return in ? json::parse(in) : json::object();
  }();
  return parsed;
}

KeywordPack pack(const char* name) { return keyword_pack(name).take(); }

KeywordAction action_of(const char* pack_name, std::string_view body,
                        KeywordMatchMode mode = KeywordMatchMode::kSingleWordCaseInsensitive) {
  return match_keyword(pack(pack_name), body, mode).action;
}

// The vectors' provider names, and the packs that must reproduce them. The
// platform's own `default` pack extends Twilio's, so Twilio's vectors bind it too.
const std::map<std::string, std::vector<const char*>>& packs_by_provider() {
  static const std::map<std::string, std::vector<const char*>> map = {
      {"twilio_long_code_default", {"twilio", "default"}},
      {"us_toll_free_network", {"toll_free"}},
      {"aws_end_user_messaging", {"aws"}},
      {"telnyx_default", {"telnyx"}},
  };
  return map;
}

// Every keyword vector: the provider's pack takes the listed action, and the FCC rows are revocations.
TEST(Keyword, MatchesEveryKeywordVector) {
  const json& cases = vectors().at("sms_keywords");
  ASSERT_GE(cases.size(), 32u);
  std::size_t pack_checks = 0;
  std::size_t revocation_checks = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string provider = cases[i].at("provider").get<std::string>();
    const std::string body = cases[i].at("body").get<std::string>();
    const std::string action = cases[i].at("action").get<std::string>();
    SCOPED_TRACE("sms_keywords[" + std::to_string(i) + "] " + provider + " '" + body + "'");
    if (provider == "us_fcc_tcpa_rule") {
      ASSERT_TRUE(action == "revoke_consent" || action == "none") << "unknown FCC action " << action;
      EXPECT_EQ(looks_like_revocation(body), action == "revoke_consent");
      ++revocation_checks;
      continue;
    }
    const auto packs = packs_by_provider().find(provider);
    ASSERT_NE(packs, packs_by_provider().end()) << "no pack models provider " << provider << ": add one";
    for (const char* name : packs->second) {
      EXPECT_EQ(keyword_action_name(action_of(name, body)), action) << "pack " << name;
      ++pack_checks;
    }
  }
  EXPECT_GT(pack_checks, 0u);
  EXPECT_GT(revocation_checks, 0u);
}

// The platform's decision: a keyword followed by other words is not a keyword.
TEST(Keyword, StopPleaseIsNotAKeyword) {
  EXPECT_EQ(action_of("default", "Stop please"), KeywordAction::kNone);
  EXPECT_EQ(action_of("default", "please stop"), KeywordAction::kNone);
  EXPECT_EQ(action_of("default", "STOP"), KeywordAction::kOptOut);
}

// The default mode trims white space, collapses inner runs and ignores case.
TEST(Keyword, DefaultModeTrimsWhiteSpaceAndIgnoresCase) {
  EXPECT_EQ(action_of("default", "  sToP \n"), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("default", "opt \t out"), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("default", "Help"), KeywordAction::kHelp);
  EXPECT_EQ(action_of("default", "yes"), KeywordAction::kOptIn);
  EXPECT_EQ(action_of("default", "Stop!"), KeywordAction::kNone);
  EXPECT_EQ(action_of("default", ""), KeywordAction::kNone);
  EXPECT_EQ(action_of("default", "   "), KeywordAction::kNone);
}

// The exact mode needs the pack's spelling byte for byte.
TEST(Keyword, ExactModeNeedsTheExactSpelling) {
  const auto exact = KeywordMatchMode::kExactCaseSensitive;
  EXPECT_EQ(action_of("twilio", "STOP", exact), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("twilio", "stop", exact), KeywordAction::kNone);
  EXPECT_EQ(action_of("twilio", " STOP", exact), KeywordAction::kNone);
}

// The punctuation mode drops ASCII punctuation from body and keyword alike.
TEST(Keyword, IgnorePunctuationModeStripsPunctuation) {
  const auto lenient = KeywordMatchMode::kIgnorePunctuation;
  EXPECT_EQ(action_of("twilio", "Stop!", lenient), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("twilio", "\"cancel.\"", lenient), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("aws", "opt-out", lenient), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("aws", "optout!", lenient), KeywordAction::kOptOut);
  EXPECT_EQ(action_of("twilio", "stop, please", lenient), KeywordAction::kNone);
}

// Match modes round-trip through their names, and an unknown name is invalid input.
TEST(Keyword, MatchModeNamesRoundTrip) {
  for (auto mode : {KeywordMatchMode::kSingleWordCaseInsensitive, KeywordMatchMode::kExactCaseSensitive,
                    KeywordMatchMode::kIgnorePunctuation}) {
    EXPECT_EQ(keyword_match_mode_from_name(keyword_match_mode_name(mode)).take(), mode);
  }
  runtime::Result<KeywordMatchMode> unknown = keyword_match_mode_from_name("fuzzy");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().code(), runtime::StatusCode::kInvalidInput);
}

std::vector<std::string> words_of(const KeywordPack& keyword_pack, KeywordAction action) {
  std::vector<std::string> words;
  for (const Keyword& keyword : keyword_pack.keywords) {
    if (keyword.action == action) words.push_back(keyword.text);
  }
  return words;
}

using Spellings = std::vector<std::string>;

// The default and Twilio packs hold exactly the documented words.
TEST(KeywordPack, DefaultAndTwilioPacksHoldTheDocumentedWords) {
  const KeywordPack platform = pack("default");
  EXPECT_EQ(words_of(platform, KeywordAction::kOptOut),
            (Spellings{"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"}));
  EXPECT_EQ(words_of(platform, KeywordAction::kOptIn), (Spellings{"START", "UNSTOP", "YES"}));
  EXPECT_EQ(words_of(platform, KeywordAction::kHelp), (Spellings{"HELP", "INFO"}));
  const KeywordPack twilio = pack("twilio");
  EXPECT_EQ(words_of(twilio, KeywordAction::kOptOut),
            (Spellings{"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}));
  EXPECT_EQ(words_of(twilio, KeywordAction::kOptIn), (Spellings{"START", "YES", "UNSTOP"}));
  EXPECT_EQ(words_of(twilio, KeywordAction::kHelp), (Spellings{"HELP", "INFO"}));
}

// The AWS pack holds AWS's ten opt-out words and HELP, and no opt-in until one is configured.
TEST(KeywordPack, AwsPackHoldsItsTenOptOutWords) {
  const KeywordPack aws = pack("aws");
  EXPECT_EQ(words_of(aws, KeywordAction::kOptOut),
            (Spellings{"ARRET", "CANCEL", "END", "OPT-OUT", "OPTOUT", "QUIT", "REMOVE", "STOP", "TD", "UNSUBSCRIBE"}));
  EXPECT_EQ(words_of(aws, KeywordAction::kHelp), (Spellings{"HELP"}));
  EXPECT_TRUE(words_of(aws, KeywordAction::kOptIn).empty());
}

// Toll-free: only STOP opts out, START/UNSTOP resume, HELP is silent while opted out, no custom opt-outs.
TEST(KeywordPack, TollFreeHonoursOnlyStop) {
  KeywordPack toll_free = pack("toll_free");
  EXPECT_EQ(words_of(toll_free, KeywordAction::kOptOut), (Spellings{"STOP"}));
  EXPECT_EQ(action_of("toll_free", "cancel"), KeywordAction::kNone);
  EXPECT_EQ(action_of("toll_free", "start"), KeywordAction::kOptIn);
  EXPECT_EQ(action_of("toll_free", "unstop"), KeywordAction::kOptIn);
  EXPECT_TRUE(sends_help_reply(toll_free, false));
  EXPECT_FALSE(sends_help_reply(toll_free, true));
  EXPECT_TRUE(sends_help_reply(pack("twilio"), true));
  EXPECT_EQ(add_keyword(toll_free, "CANCEL", KeywordAction::kOptOut).code(), runtime::StatusCode::kRefused);
  EXPECT_TRUE(add_keyword(toll_free, "RESUME", KeywordAction::kOptIn).is_ok());
}

// The none pack matches nothing, and an unknown pack name is not found, naming the known packs.
TEST(KeywordPack, NonePackMatchesNothingAndUnknownPacksAreNotFound) {
  for (const char* body : {"STOP", "START", "HELP", "stop"}) {
    EXPECT_EQ(action_of("none", body), KeywordAction::kNone);
  }
  for (const std::string& name : keyword_pack_names()) {
    EXPECT_EQ(keyword_pack(name).take().name, name);
  }
  runtime::Result<KeywordPack> unknown = keyword_pack("vonage");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().code(), runtime::StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("toll_free"), std::string::npos);
}

// Custom keywords join a pack; empty words, actionless words and conflicting actions are refused.
TEST(KeywordPack, CustomKeywordsJoinAPack) {
  KeywordPack custom = pack("twilio");
  const std::size_t before = custom.keywords.size();
  EXPECT_TRUE(add_keyword(custom, "  Baja ", KeywordAction::kOptOut).is_ok());
  EXPECT_TRUE(add_keyword(custom, "BAJA", KeywordAction::kOptOut).is_ok());  // again: a no-op
  EXPECT_EQ(custom.keywords.size(), before + 1);
  EXPECT_EQ(match_keyword(custom, "baja").action, KeywordAction::kOptOut);
  EXPECT_EQ(match_keyword(custom, "baja").keyword, "Baja");
  EXPECT_EQ(match_keyword(custom, "Baja", KeywordMatchMode::kExactCaseSensitive).action, KeywordAction::kOptOut);
  EXPECT_EQ(add_keyword(custom, "stop", KeywordAction::kOptIn).code(), runtime::StatusCode::kInvalidInput);
  EXPECT_EQ(add_keyword(custom, "  ", KeywordAction::kHelp).code(), runtime::StatusCode::kInvalidInput);
  EXPECT_EQ(add_keyword(custom, "HOLA", KeywordAction::kNone).code(), runtime::StatusCode::kInvalidInput);
  EXPECT_EQ(match_keyword(pack("twilio"), "baja").action, KeywordAction::kNone);  // packs are values
}

// Natural wording that revokes consent is recognised, including every platform opt-out word.
TEST(KeywordRevocation, RecognisesReasonableWording) {
  for (const char* text : {"Stop please", "please stop texting me", "unsubscribe me", "cancel", "I want to opt out",
                           "STOP!!!", "stop sending me messages", "Can you please stop?", "I'd like to unsubscribe",
                           "I\xE2\x80\x99" "d like to opt-out", "opt me out", "remove me from your list",
                           "take me off your list", "leave me alone", "no more texts please", "who is this? stop",
                           "quit texting me", "cancel my subscription", "Revoke my consent", "end", "Stop it"}) {
    EXPECT_TRUE(looks_like_revocation(text)) << text;
  }
  for (const Keyword& keyword : pack("default").keywords) {
    if (keyword.action != KeywordAction::kOptOut) continue;
    EXPECT_TRUE(looks_like_revocation(keyword.text)) << keyword.text;
  }
}

// The same words in another sense, negated, or about something else are not revocations.
TEST(KeywordRevocation, IgnoresOtherSensesOfTheWords) {
  for (const char* text : {"don't stop", "Please don\xE2\x80\x99t stop", "stop by the store tomorrow?",
                           "I'll stop at 5", "when does the sale end?", "I need to cancel my appointment",
                           "the end", "I can't stop laughing", "I quit smoking", "Hello", "", "YES", "start",
                           "no more questions, thanks", "why did you stop?", "unstoppable"}) {
    EXPECT_FALSE(looks_like_revocation(text)) << text;
  }
}

}  // namespace
}  // namespace msgsim::stack
