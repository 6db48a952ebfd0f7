#include "sim/stack/channels/channel_adapter.h"

#include <string>

#include "sim/stack/channels/apple_adapter.h"
#include "sim/stack/channels/byoc_adapter.h"
#include "sim/stack/channels/in_app_adapter.h"
#include "sim/stack/channels/line_adapter.h"
#include "sim/stack/channels/messenger_adapter.h"
#include "sim/stack/channels/sms_adapter.h"
#include "sim/stack/channels/web_adapter.h"
#include "sim/stack/channels/whatsapp_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

std::unique_ptr<ChannelAdapter> make_channel_adapter(ChannelType type) {
  switch (type) {
    case ChannelType::kSms: return std::make_unique<SmsAdapter>();
    case ChannelType::kWhatsapp: return std::make_unique<WhatsappAdapter>();
    case ChannelType::kMessenger: return std::make_unique<MessengerAdapter>();
    case ChannelType::kApple: return std::make_unique<AppleAdapter>();
    case ChannelType::kLine: return std::make_unique<LineAdapter>();
    case ChannelType::kWeb: return std::make_unique<WebAdapter>();
    case ChannelType::kInApp: return std::make_unique<InAppAdapter>();
    case ChannelType::kByoc:
    case ChannelType::kByocCcaas: return std::make_unique<ByocAdapter>(type);
  }
  return nullptr;
}

std::size_t text_characters(std::string_view utf8) {
  std::size_t characters = 0;
  for (char byte : utf8) {
    // Every scalar has exactly one byte that is not a continuation (10xxxxxx).
    if ((static_cast<unsigned char>(byte) & 0xC0u) != 0x80u) ++characters;
  }
  return characters;
}

namespace {
// 4096 -> "4,096", as the providers' documentation writes limits.
std::string with_thousands(std::size_t value) {
  std::string digits = std::to_string(value);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}
}  // namespace

Status check_text_length(ChannelType type, std::string_view text, std::size_t characters_max) {
  const std::size_t characters = text_characters(text);
  if (characters <= characters_max) return Status::ok();
  return Status(StatusCode::kRefused, std::string(channel_type_name(type)) + ": message longer than " +
                                          with_thousands(characters_max) + " characters (" +
                                          with_thousands(characters) + ")");
}

Status check_inbound_kind(ChannelType type, const InboundWebhook& webhook) {
  bool reported = webhook.kind == InboundKind::kMessage;
  if (webhook.kind == InboundKind::kConversationDeleted) reported = type == ChannelType::kApple;
  if (webhook.kind == InboundKind::kFollow || webhook.kind == InboundKind::kUnfollow) {
    reported = type == ChannelType::kLine;
  }
  if (reported) return Status::ok();
  return Status(StatusCode::kInvalidInput,
                std::string(channel_type_name(type)) + ": this channel reports no such conversation event");
}

Status check_options_fit_channel(ChannelType type, const OutboundOptions& options) {
  const std::string channel = channel_type_name(type);
  const bool has_template = !options.template_name.empty() || options.template_category != TemplateCategory::kNone;
  if (has_template && type != ChannelType::kWhatsapp) {
    return Status(StatusCode::kInvalidInput, channel + ": templates exist only on whatsapp");
  }
  if (options.tag != MessageTag::kNone && type != ChannelType::kMessenger) {
    return Status(StatusCode::kInvalidInput, channel + ": message tags exist only on messenger");
  }
  if (options.interactive != InteractiveType::kText && type != ChannelType::kApple) {
    return Status(StatusCode::kInvalidInput, channel + ": interactive messages exist only on apple");
  }
  return Status::ok();
}

}  // namespace msgsim::stack
