#include "fakes/wire/provider_wire_codec.h"

#include "fakes/wire/provider_codecs.h"

namespace msgsim::fakes {

std::unique_ptr<ProviderWireCodec> make_provider_wire_codec(stack::ChannelType type) {
  switch (type) {
    // One line per channel type, added with its codec.
    case stack::ChannelType::kSms: return make_twilio_sms_codec();
    case stack::ChannelType::kWhatsapp: return make_meta_whatsapp_codec();
    case stack::ChannelType::kMessenger: return make_meta_messenger_codec();
    case stack::ChannelType::kApple: return make_apple_codec();
    case stack::ChannelType::kLine: return make_line_codec();
    case stack::ChannelType::kWeb: return make_web_codec();
    case stack::ChannelType::kInApp: return make_in_app_codec();
    case stack::ChannelType::kByoc: return make_byoc_codec();
    case stack::ChannelType::kByocCcaas: return make_byoc_ccaas_codec();
    default: break;
  }
  return nullptr;
}

}  // namespace msgsim::fakes
