#include "sim/live/serve/outside_messages.h"

#include "sim/runtime/check.h"

namespace msgsim::live {

OutsideMessages::OutsideMessages(harness::World& world, TesterCustomers& testers) : world_(world), testers_(testers) {
  stack::ChannelRegistry& channels = world_.stack().channels();
  for (std::uint32_t i = 0; i < channels.size(); ++i) {
    stack::WireEndpoint* endpoint = world_.wire_boundaries()->endpoint(stack::ChannelId(i));
    MSGSIM_CHECK_MSG(endpoint != nullptr, "outside messages need every channel on the wire");
    endpoint->set_inbound_observer(this);
  }
}

void OutsideMessages::begin(stack::ChannelId channel) {
  pending_.clear();
  channel_ = channel;
}

void OutsideMessages::before_apply(stack::ChannelId channel, const stack::WireInbound& event) {
  if (channel != channel_) return;  // a request begin() did not announce: nobody settles it
  if (event.kind != stack::InboundKind::kMessage || event.end_conversation) return;  // lands no message
  fakes::WireDirectory& directory = world_.wire_boundaries()->directory();
  if (directory.simulated_message(channel, event.message_id)) return;  // a fake's delivery
  if (directory.admitted_message(channel, event.message_id)) return;   // a repeat: the stack absorbs it
  const stack::CustomerHandle from = directory.handle_for(channel, event.from_address);
  if (!world_.truth().knows(from)) return;  // no admission: an unjudged outsider (never in serve)
  const std::uint64_t number = world_.truth().messages().size() + pending_.size();
  directory.admit_message(channel, event.message_id, number);
  pending_.push_back(Pending{event.message_id, number, from, event.text, false});
}

void OutsideMessages::on_trace(const stack::TraceEvent& event) {
  if (pending_.empty() || event.kind != stack::TraceKind::kInboundAccepted || event.channel != channel_) return;
  for (Pending& pending : pending_) {
    if (pending.number == event.message) pending.landed = true;
  }
}

void OutsideMessages::settle(stack::ChannelId channel) {
  channel_ = stack::ChannelId();
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
