#include "sim/stack/wire/partner_event_client.h"

#include <string>

#include "sim/stack/wire/content_uuid.h"
#include "sim/stack/wire/partner_wire_codec.h"

namespace msgsim::stack {

PartnerEventClient::PartnerEventClient(ProviderApi& messages, const WireEndpoint& endpoint, WireTransport& partner)
    : messages_(messages), endpoint_(endpoint), partner_(partner) {}

void PartnerEventClient::routing_requested(ChannelId, CustomerHandle customer, WorkId work) {
  RoutingEvent event;
  event.end_user = endpoint_.address_of(customer);
  if (event.end_user.empty()) {
    ++counts_.no_address;
    return;
  }
  // Numbered per channel in the order sent, so every event has its own id.
  event.event_id = content_uuid(endpoint_.credentials().business_address,
                                "RoutingRequested/" + std::to_string(counts_.events));
  event.work = work;
  ++counts_.events;
  partner_.post(encode_routing_event(event, endpoint_.credentials()), [this](const HttpResponse& answer) {
    if (!status_of_partner_answer(answer).is_ok()) ++counts_.refused;
  });
}

}  // namespace msgsim::stack
