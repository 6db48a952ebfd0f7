// Turns the scenario's `org` into the stack's configuration: skills, queues
// (with overflow and skill timers), channels (with their session handler) and
// agents (presence configuration, skills), and an agent's behaviour for the
// fakes. The stack never reads scenario files; this is the only translation.
#pragma once

#include <string>
#include <vector>

#include "fakes/agents/fake_agent.h"
#include "fakes/providers/provider_settings.h"
#include "sim/harness/scenario.h"
#include "sim/stack/stack.h"

namespace msgsim::harness {

// Adds every skill and queue of the org to the router, in file order.
void deploy_queues(const Org& org, stack::Router& router);
// Adds the org's flows, in file order. REQUIRES: deploy_queues and the agents ran.
void deploy_flows(const Org& org, stack::Stack& stack);
// REQUIRES: deploy_queues, the agents and deploy_flows ran (a channel may route to an agent or a flow).
stack::ChannelSettings channel_settings(const Scenario& scenario, const Channel& channel, const stack::Router& router,
                                        const stack::Flows& flows);
// The channel's consent handling: keyword pack plus custom words, required
// level, responses. SMS channels handle carrier keywords without a `consent` object.
stack::ChannelConsentSettings channel_consent(const Scenario& scenario, const Channel& channel);
// The stack's business hours `id` of the scenario (t = 0 at its `start`);
// fails for a time zone the database does not know.
runtime::Result<stack::BusinessHours> business_hours(const Scenario& scenario, const std::string& id);
// The settings of agent number `index` (1-based) of `group`.
stack::AgentSettings agent_settings(const AgentGroup& group, int index, const stack::Router& router);
// REQUIRES: deploy_flows ran (an agent may transfer to a flow).
// The group's shift as presence changes at simulated instants (empty = online throughout).
std::vector<fakes::ShiftChange> shift_changes(const AgentGroup& group);
fakes::AgentBehaviorSpec agent_behavior(const AgentGroup& group, const stack::Router& router,
                                         const stack::Flows& flows);
stack::RoutingTarget routing_target(const RouteTarget& target, const stack::Router& router);
stack::ChannelType stack_channel_type(ChannelType type);
stack::TemplateCategory stack_template_category(TemplateCategory category);
stack::AllowExisting stack_allow_existing(AllowExistingSession allow);
// A channel's fake provider behaviour from its merged `providers` settings.
fakes::FakeProviderSettings fake_provider_settings(const ProviderSettings& settings);
// What a BYOC for CCaaS channel's partner owns (nothing on other channels):
// its roster is every agent of the channel's queue, in scenario order.
// REQUIRES: the agents and the channel are deployed.
fakes::PartnerSettings partner_settings(const Scenario& scenario, const Channel& channel, const stack::Stack& stack,
                                        stack::ChannelId id);
// The org's identity policy as the stack's identity resolution takes it.
stack::IdentitySettings identity_settings(const Org& org);

}  // namespace msgsim::harness
