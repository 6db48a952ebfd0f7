// "End chat" reaches the business only where the platform has such an event
// (web, in-app and BYOC "end", Apple's close). On SMS, WhatsApp, Messenger
// and LINE a customer who gives up just stops writing, in typed mode as on
// the wire: the stack must not learn what no real provider would tell it.
#include <gtest/gtest.h>

#include <memory>

#include "fakes/providers/provider_factory.h"
#include "tests/fakes/providers/provider_fixture.h"

namespace msgsim::fakes {
namespace {

using stack::ChannelType;

class EndCounter final : public WebhookTarget {
 public:
  runtime::Status deliver(const stack::InboundWebhook& webhook) override {
    if (webhook.end_conversation) ++ends;
    return runtime::Status::ok();
  }
  void deliver_receipt(const stack::DeliveryReceipt&) override {}
  int ends = 0;
};

struct ChatEndCase {
  ChannelType type;
  bool reported;
};

class ChatEndTest : public testing::StackFixture, public ::testing::WithParamInterface<ChatEndCase> {};

TEST_P(ChatEndTest, TheBusinessHearsOfAnEndedChatOnlyWhereThePlatformSaysSo) {
  std::unique_ptr<ProviderFake> fake =
      make_provider_fake(GetParam().type, runtime, stack, truth, device, channel, FakeProviderSettings{});
  EndCounter target;
  fake->use_webhook_target(target);
  fake->customer_end(new_customer());
  run_for(runtime::Duration::minutes(1));
  EXPECT_EQ(target.ends, GetParam().reported ? 1 : 0);
  EXPECT_EQ(fake->in_flight(), 0u);
}

INSTANTIATE_TEST_SUITE_P(EveryChannelType, ChatEndTest,
                         ::testing::Values(ChatEndCase{ChannelType::kSms, false},
                                           ChatEndCase{ChannelType::kWhatsapp, false},
                                           ChatEndCase{ChannelType::kMessenger, false},
                                           ChatEndCase{ChannelType::kLine, false},
                                           ChatEndCase{ChannelType::kApple, true},
                                           ChatEndCase{ChannelType::kWeb, true},
                                           ChatEndCase{ChannelType::kInApp, true},
                                           ChatEndCase{ChannelType::kByoc, true},
                                           ChatEndCase{ChannelType::kByocCcaas, true}));

}  // namespace
}  // namespace msgsim::fakes
