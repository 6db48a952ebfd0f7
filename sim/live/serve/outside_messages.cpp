#include "sim/live/serve/outside_messages.h"

#include "sim/runtime/check.h"

namespace msgsim::live {

void OutsideMessages::admit(stack::ChannelId channel, const stack::WireEndpoint& endpoint,
                            const stack::HttpRequest& request) {
  pending_.clear();
  channel_ = channel;
  if (request.method != "POST") return;
  // The endpoint checks the same things first: what does not verify or
  // decode here is refused there and changes nothing.
  runtime::Result<stack::DecodedWebhook> decoded = endpoint.codec().decode_webhook(request, endpoint.credentials());
  if (!decoded.is_ok()) return;
  fakes::WireDirectory& directory = world_.wire_boundaries()->directory();
  const fakes::GroundTruth& truth = world_.truth();
  for (const stack::WireInbound& event : decoded.value().inbound) {
    if (event.kind != stack::InboundKind::kMessage || event.end_conversation) continue;  // lands no message
    if (directory.simulated_message(channel, event.message_id)) continue;  // a fake's delivery
    if (directory.admitted_message(channel, event.message_id)) continue;   // a repeat: the stack absorbs it
    const stack::CustomerHandle from = directory.handle_for(channel, event.from_address);
    if (!truth.knows(from)) continue;  // no admission: an unjudged outsider (never in serve)
    const std::uint64_t number = truth.messages().size() + pending_.size();
    directory.admit_message(channel, event.message_id, number);
    pending_.push_back(Pending{event.message_id, number, from, event.text, false});
  }
}

void OutsideMessages::on_trace(const stack::TraceEvent& event) {
  if (pending_.empty() || event.kind != stack::TraceKind::kInboundAccepted || event.channel != channel_) return;
  for (Pending& pending : pending_) {
    if (pending.number == event.message) pending.landed = true;
  }
}

void OutsideMessages::settle(stack::ChannelId channel) {
  if (pending_.empty()) return;
  fakes::WireDirectory& directory = world_.wire_boundaries()->directory();
  fakes::GroundTruth& truth = world_.truth();
  // Numbers were handed out in order from the ground truth's next one, so
  // everything up to the last message that landed is recorded (a refused one
  // before it, which only a batch of several messages can leave, counts as
  // lost); the refused ones after it are forgotten.
  std::size_t recorded = 0;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (pending_[i].landed) recorded = i + 1;
  }
  const runtime::Time now = world_.runtime().now();
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const Pending& pending = pending_[i];
    if (i >= recorded) {
      directory.forget_message(channel, pending.id);
      continue;
    }
    const std::uint64_t number = truth.record_message(truth.person_of(pending.from), channel, now);
    MSGSIM_CHECK_MSG(number == pending.number, "a customer message was recorded while a webhook was handled");
    truth.record_boundary_inbound(channel, pending.from, pending.text, now);
    testers_.note_sent(pending.from, pending.text);
  }
  pending_.clear();
}

}  // namespace msgsim::live
