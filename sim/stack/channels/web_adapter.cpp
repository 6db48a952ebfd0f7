#include "sim/stack/channels/web_adapter.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

Status WebAdapter::check_inbound(const InboundWebhook& webhook) const {
  if (webhook.text.size() > kMaxTextLength) {
    return Status(StatusCode::kInvalidInput, "web message longer than 10,000 characters");
  }
  return Status::ok();
}

Status WebAdapter::check_outbound(const OutboundContext& context) const {
  if (!context.session_open) {
    return Status(StatusCode::kRefused, "web channel: no business-initiated messages outside an open session");
  }
  return Status::ok();
}

std::unique_ptr<ChannelAdapter> make_channel_adapter(ChannelType type) {
  switch (type) {
    case ChannelType::kWeb: return std::make_unique<WebAdapter>();
    default: return nullptr;
  }
}

}  // namespace msgsim::stack
