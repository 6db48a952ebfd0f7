#include "sim/stack/wire/refusal_answer.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

HttpResponse answer(int status, std::string body) { return HttpResponse{status, "application/json", std::move(body)}; }

// A code that is not an HTTP status travels in the body, exactly.
TEST(RefusalAnswer, ACodeSurvivesTheTripWhetherOrNotItIsAnHttpStatus) {
  EXPECT_EQ(refusal_code(refusal_response(403, "blocked")), 403);
  const HttpResponse odd = refusal_response(21610, "unsubscribed");
  EXPECT_EQ(odd.status, 400);
  EXPECT_EQ(refusal_code(odd), 21610);
  EXPECT_EQ(refusal_code(answer(503, "upstream timed out")), 503);
}

TEST(RefusalAnswer, AYesNamesTheMessageUnderTheGivenMember) {
  const runtime::Result<WireSendAnswer> sent = read_send_answer(answer(200, R"({"messageId":"m-1"})"), "messageId");
  ASSERT_TRUE(sent.is_ok()) << sent.status().message();
  EXPECT_TRUE(sent.value().outcome.accepted);
  EXPECT_EQ(sent.value().message_id, "m-1");
}

TEST(RefusalAnswer, ANoCarriesTheProvidersCode) {
  const runtime::Result<WireSendAnswer> refused = read_send_answer(refusal_response(4040, "no such user"), "id");
  ASSERT_TRUE(refused.is_ok());
  EXPECT_FALSE(refused.value().outcome.accepted);
  EXPECT_EQ(refused.value().outcome.error_code, 4040);
}

// Statuses name the message by this id later, so a yes without a usable one
// is a malformed answer, not an accepted send.
TEST(RefusalAnswer, AYesWithoutAUsableIdIsMalformed) {
  EXPECT_FALSE(read_send_answer(answer(200, R"({"id":""})"), "id").is_ok());
  EXPECT_FALSE(read_send_answer(answer(200, R"({"id":7})"), "id").is_ok());
  EXPECT_FALSE(read_send_answer(answer(200, R"({"other":"x"})"), "id").is_ok());
  EXPECT_FALSE(read_send_answer(answer(200, "not json"), "id").is_ok());
}

}  // namespace
}  // namespace msgsim::stack
