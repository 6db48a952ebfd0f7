#include "sim/stack/channels/channel_settings.h"

namespace msgsim::stack {

const char* channel_type_name(ChannelType type) {
  switch (type) {
    case ChannelType::kSms: return "sms";
    case ChannelType::kWhatsapp: return "whatsapp";
    case ChannelType::kMessenger: return "messenger";
    case ChannelType::kApple: return "apple";
    case ChannelType::kLine: return "line";
    case ChannelType::kWeb: return "web";
    case ChannelType::kInApp: return "in_app";
    case ChannelType::kByoc: return "byoc";
    case ChannelType::kByocCcaas: return "byoc_ccaas";
  }
  return "unknown";
}

}  // namespace msgsim::stack
