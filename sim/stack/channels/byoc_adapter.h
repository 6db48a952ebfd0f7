// Bring Your Own Channel (and BYOC for CCaaS): the partner registers what its
// channel can do, and the adapter enforces exactly that. Without
// business-initiated messages the business may write only inside an open
// session (as web); the text limit is the partner's. Consent the partner
// owns is not this adapter's concern.
#pragma once

#include "sim/stack/channels/channel_adapter.h"

namespace msgsim::stack {

// The partner's registered capabilities. The defaults are permissive: a
// partner that registers nothing restricts nothing but very long texts.
struct ByocCapabilities {
  bool business_initiated = true;
  std::size_t text_characters_max = 10'000;
};

class ByocAdapter final : public ChannelAdapter {
 public:
  // REQUIRES: type is kByoc or kByocCcaas.
  explicit ByocAdapter(ChannelType type, ByocCapabilities capabilities = {});

  ChannelType type() const override { return type_; }
  runtime::Status check_inbound(const InboundWebhook& webhook) const override;
  runtime::Status check_outbound(const OutboundContext& context) const override;

 private:
  ChannelType type_;
  ByocCapabilities capabilities_;
};

}  // namespace msgsim::stack
