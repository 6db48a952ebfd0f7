#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "fakes/providers/fake_line.h"
#include "fakes/providers/fake_messenger.h"
#include "fakes/providers/fake_sms.h"
#include "fakes/providers/fake_whatsapp.h"

namespace msgsim::fakes {
namespace {

constexpr const char* kVectorsPath = MSGSIM_SOURCE_DIR "/../shared/vectors/channel_vectors.json";

// Every error code the public vectors list for a platform rule the fakes enforce is the fake's code.
TEST(FakeErrorCodes, MatchThePublicVectors) {
  std::ifstream in(kVectorsPath);
  ASSERT_TRUE(in) << kVectorsPath;
  const nlohmann::json vectors = nlohmann::json::parse(in);
  // (provider, code) pairs of the vectors that the fakes return, with the fake's constant.
  const std::map<std::pair<std::string, int>, int> enforced = {
      {{"twilio", 21610}, FakeSms::kUnsubscribedRecipient},
      {{"twilio", 21617}, FakeSms::kBodyTooLong},
      {{"whatsapp", 131047}, FakeWhatsApp::kReengagementMessage},
      {{"whatsapp", 130429}, FakeWhatsApp::kThroughputReached},
      {{"whatsapp", 131056}, FakeWhatsApp::kPairRateLimit},
      {{"messenger", 10}, FakeMessenger::kPermissionError},
      {{"line", 409}, FakeLine::kRetryKeyAccepted},
      {{"line", 429}, FakeLine::kTooManyRequests},
  };
  int matched = 0;
  for (const nlohmann::json& entry : vectors.at("error_codes")) {
    const std::string provider = entry.at("provider").get<std::string>();
    int code = 0;
    if (entry.contains("code") && entry.at("code").is_number_integer()) code = entry.at("code").get<int>();
    else if (entry.contains("http")) code = entry.at("http").get<int>();
    const auto found = enforced.find({provider, code});
    if (found == enforced.end()) continue;
    EXPECT_EQ(found->second, code) << provider;
    if (provider == "messenger") {
      EXPECT_EQ(entry.at("error_subcode").get<int>(), FakeMessenger::kOutsideWindowSubcode);
    }
    ++matched;
  }
  EXPECT_EQ(matched, static_cast<int>(enforced.size()));
}

}  // namespace
}  // namespace msgsim::fakes
