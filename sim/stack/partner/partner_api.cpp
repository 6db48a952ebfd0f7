#include "sim/stack/partner/partner_api.h"

#include <string>

#include "sim/stack/stack.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

Status PartnerApi::check_routing_owner(ChannelId channel) const {
  if (!channel.valid() || channel.value >= stack_.channels().size()) {
    return Status(StatusCode::kNotFound, "no such channel");
  }
  if (!stack_.channels().settings(channel).partner_routing) {
    return Status(StatusCode::kRefused, "channel " + stack_.channels().settings(channel).id +
                                            ": the platform owns routing here, not the partner");
  }
  return Status::ok();
}

Result<SessionId> PartnerApi::open_conversation(ChannelId channel, CustomerHandle customer) const {
  Status owner = check_routing_owner(channel);
  if (!owner.is_ok()) return owner;
  const MessagingUserId user = stack_.users().find(channel, customer);
  if (!user) return Status(StatusCode::kNotFound, "no messaging user for this end user on the channel");
  const SessionId session = stack_.open_session(user);
  if (!session) return Status(StatusCode::kNotFound, "the end user has no open conversation");
  return session;
}

Result<WorkId> PartnerApi::route(ChannelId channel, CustomerHandle customer) {
  Result<SessionId> found = open_conversation(channel, customer);
  if (!found.is_ok()) return found.status();
  const SessionId session_id = found.value();
  Session& session = stack_.sessions().get(session_id);
  if (session.work) {
    const WorkState state = stack_.router().work(session.work).state;
    if (state == WorkState::kPending || state == WorkState::kAssigned || state == WorkState::kOpened) {
      return Status(StatusCode::kRefused, "the conversation already has a routing request");
    }
  }
  const ChannelSettings& settings = stack_.channels().settings(channel);
  RoutingTarget target;
  target.queue = settings.route_queue ? settings.route_queue : settings.fallback_queue;
  target.additional_skills = settings.route_skills;
  target.partner_routed = true;
  session.work = stack_.router().request(session_id, channel, target);
  return session.work;
}

Status PartnerApi::assign(ChannelId channel, WorkId work, AgentId agent) {
  Status owner = check_routing_owner(channel);
  if (!owner.is_ok()) return owner;
  Router& router = stack_.router();
  if (!work.valid() || !router.has_work(work) || router.work(work).channel != channel) {
    return Status(StatusCode::kNotFound, "no such work on this channel");
  }
  if (router.work(work).state != WorkState::kPending) {
    return Status(StatusCode::kNotFound, "the work no longer waits for an agent");
  }
  if (!agent.valid() || agent.value >= router.agent_count()) return Status(StatusCode::kNotFound, "no such agent");
  return router.assign_external(work, agent);
}

Status PartnerApi::end_session(ChannelId channel, CustomerHandle customer) {
  Result<SessionId> found = open_conversation(channel, customer);
  if (!found.is_ok()) return found.status();
  stack_.console().customer_left(found.value(), EndedBy::kSystem);
  return Status::ok();
}

Status PartnerApi::inactivate_session(ChannelId channel, CustomerHandle customer) {
  Result<SessionId> found = open_conversation(channel, customer);
  if (!found.is_ok()) return found.status();
  const Session& session = stack_.sessions().get(found.value());
  if (session.status != SessionStatus::kActive) {
    return Status(StatusCode::kRefused, "only an active conversation can be made inactive");
  }
  return stack_.console().mark_inactive(session.agent, found.value());
}

Status PartnerApi::set_consent(ChannelId channel, CustomerHandle customer, ConsentLevel level) {
  if (!channel.valid() || channel.value >= stack_.channels().size()) {
    return Status(StatusCode::kNotFound, "no such channel");
  }
  const ChannelSettings& settings = stack_.channels().settings(channel);
  if (!settings.consent.partner_owned) {
    return Status(StatusCode::kRefused, "channel " + settings.id + ": the platform owns consent here, not the partner");
  }
  if (level == ConsentLevel::kNone) return Status(StatusCode::kInvalidInput, "consent level None cannot be set");
  const MessagingUserId user = stack_.find_or_create_user(channel, customer);
  stack_.consent().set_by_partner(user, level, stack_.runtime().now());
  return Status::ok();
}

}  // namespace msgsim::stack
