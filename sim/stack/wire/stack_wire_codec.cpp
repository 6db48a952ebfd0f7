#include "sim/stack/wire/stack_wire_codec.h"

#include "sim/stack/wire/codecs.h"

namespace msgsim::stack {

std::unique_ptr<StackWireCodec> make_stack_wire_codec(ChannelType type) {
  switch (type) {
    // One line per channel type, added with its codec.
    case ChannelType::kApple: return make_apple_wire_codec();
    case ChannelType::kLine: return make_line_wire_codec();
    case ChannelType::kWeb: return make_web_wire_codec();
    case ChannelType::kInApp: return make_in_app_wire_codec();
    case ChannelType::kByoc: return make_byoc_wire_codec();
    case ChannelType::kByocCcaas: return make_byoc_ccaas_wire_codec();
    case ChannelType::kSms: return make_sms_wire_codec();
    case ChannelType::kWhatsapp: return make_whatsapp_wire_codec();
    case ChannelType::kMessenger: return make_messenger_wire_codec();
    default: break;
  }
  return nullptr;
}

}  // namespace msgsim::stack
