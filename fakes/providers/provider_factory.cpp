#include "fakes/providers/provider_factory.h"

#include <utility>

#include "fakes/providers/fake_apple.h"
#include "fakes/providers/fake_byoc.h"
#include "fakes/providers/fake_line.h"
#include "fakes/providers/fake_messenger.h"
#include "fakes/providers/fake_sms.h"
#include "fakes/providers/fake_web.h"
#include "fakes/providers/fake_whatsapp.h"
#include "sim/runtime/check.h"

namespace msgsim::fakes {

std::unique_ptr<ProviderFake> make_provider_fake(stack::ChannelType type, runtime::Runtime& runtime,
                                                 stack::Stack& stack, GroundTruth& truth, Device& device,
                                                 stack::ChannelId channel, FakeProviderSettings settings) {
  switch (type) {
    case stack::ChannelType::kSms:
      return std::make_unique<FakeSms>(runtime, stack, truth, device, channel, std::move(settings));
    case stack::ChannelType::kWhatsapp:
      return std::make_unique<FakeWhatsApp>(runtime, stack, truth, device, channel, std::move(settings));
    case stack::ChannelType::kMessenger:
      return std::make_unique<FakeMessenger>(runtime, stack, truth, device, channel, std::move(settings));
    case stack::ChannelType::kApple:
      return std::make_unique<FakeApple>(runtime, stack, truth, device, channel, std::move(settings));
    case stack::ChannelType::kLine:
      return std::make_unique<FakeLine>(runtime, stack, truth, device, channel, std::move(settings));
    case stack::ChannelType::kWeb:
      return std::make_unique<FakeWeb>(runtime, stack, truth, device, channel, std::move(settings), WebFlavor::kWeb);
    case stack::ChannelType::kInApp:
      return std::make_unique<FakeWeb>(runtime, stack, truth, device, channel, std::move(settings),
                                       WebFlavor::kInApp);
    case stack::ChannelType::kByoc:
    case stack::ChannelType::kByocCcaas:
      return std::make_unique<FakeByoc>(runtime, stack, truth, device, channel, std::move(settings));
  }
  MSGSIM_CHECK_MSG(false, "a channel type without a fake provider");
  return nullptr;
}

}  // namespace msgsim::fakes
