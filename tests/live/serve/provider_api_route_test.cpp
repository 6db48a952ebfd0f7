// The providers' send-API route: /providers/<channel>/<path> reaches that
// channel's send API with the provider's own path, after the catch-up; a
// path naming no channel (or a withdrawn one) is a 404; calls that are not
// the stack's own are counted by answer.
#include "sim/live/serve/provider_api_route.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace msgsim::live {
namespace {

class RecordingApi final : public stack::WireTransport {
 public:
  stack::HttpResponse exchange(const stack::HttpRequest& request) override {
    targets.push_back(request.target);
    return stack::HttpResponse{request.body == "bad" ? 400 : 201, "application/json", "{\"sid\":\"SM1\"}"};
  }
  std::vector<std::string> targets;
};

stack::HttpRequest call(std::string target, std::string body, bool from_stack) {
  stack::HttpRequest request;
  request.target = std::move(target);
  request.body = std::move(body);
  if (from_stack) request.set_header("User-Agent", std::string(kStackUserAgent));
  return request;
}

// A call reaches the channel's API without the /providers/<channel> prefix,
// after the catch-up ran, and its answer comes back as the API gave it.
TEST(ProviderApiRoute, ACallReachesItsChannelsApiWithTheProvidersOwnPath) {
  int caught_up = 0;
  ProviderApiRoute route([&caught_up] { ++caught_up; });
  RecordingApi sms;
  route.add_channel(stack::ChannelId(3), "sms-us", sms);
  const stack::HttpResponse answer =
      route.handle(call("/providers/sms-us/2010-04-01/Accounts/AC1/Messages.json?x=1", "Body=hi", true));
  EXPECT_EQ(answer.status, 201);
  EXPECT_EQ(answer.body, "{\"sid\":\"SM1\"}");
  EXPECT_EQ(sms.targets, (std::vector<std::string>{"/2010-04-01/Accounts/AC1/Messages.json?x=1"}));
  EXPECT_EQ(caught_up, 1);
  EXPECT_EQ(route.outside_calls(stack::ChannelId(3)).calls, 0u) << "the stack's own call";
}

// Unknown channels, a bare channel name and a withdrawn channel are 404s
// that never reach an API.
TEST(ProviderApiRoute, PathsNamingNoLiveChannelAreNotFound) {
  ProviderApiRoute route({});
  RecordingApi sms;
  route.add_channel(stack::ChannelId(0), "sms-us", sms);
  EXPECT_EQ(route.handle(call("/providers/wa-main/v19.0/1/messages", "", true)).status, 404);
  EXPECT_EQ(route.handle(call("/providers/sms-us", "", true)).status, 404);
  EXPECT_EQ(route.handle(call("/providers/", "", true)).status, 404);
  route.remove_channel(stack::ChannelId(0));
  EXPECT_EQ(route.handle(call("/providers/sms-us/2010-04-01/Accounts/AC1/Messages.json", "", true)).status, 404);
  EXPECT_TRUE(sms.targets.empty());
  EXPECT_EQ(route.unknown_channel(), 4u);
}

// A tester's calls (no stack User-Agent) are counted by answer, per channel.
TEST(ProviderApiRoute, OutsideCallsAreCountedByAnswer) {
  ProviderApiRoute route({});
  RecordingApi sms;
  route.add_channel(stack::ChannelId(1), "sms-us", sms);
  route.handle(call("/providers/sms-us/m", "ok", false));
  route.handle(call("/providers/sms-us/m", "bad", false));
  route.handle(call("/providers/sms-us/m", "ok", true));
  const OutsideSendCalls outside = route.outside_calls(stack::ChannelId(1));
  EXPECT_EQ(outside.calls, 2u);
  EXPECT_EQ(outside.answered_2xx, 1u);
  EXPECT_EQ(outside.answered_4xx, 1u);
  EXPECT_EQ(route.outside_calls(stack::ChannelId(9)).calls, 0u);
}

}  // namespace
}  // namespace msgsim::live
