#include "sim/harness/deployment.h"

#include <algorithm>

#include "sim/runtime/check.h"

namespace msgsim::harness {

namespace {

stack::PresenceStatus stack_status(PresenceStatus status) {
  switch (status) {
    case PresenceStatus::kOnline: return stack::PresenceStatus::kOnline;
    case PresenceStatus::kBusy: return stack::PresenceStatus::kBusy;
    case PresenceStatus::kAway: return stack::PresenceStatus::kAway;
    case PresenceStatus::kOffline: return stack::PresenceStatus::kOffline;
  }
  return stack::PresenceStatus::kOffline;
}

stack::RoutingModel stack_model(RoutingModel model) {
  switch (model) {
    case RoutingModel::kMostAvailable: return stack::RoutingModel::kMostAvailable;
    case RoutingModel::kLeastActive: return stack::RoutingModel::kLeastActive;
    case RoutingModel::kExternal: return stack::RoutingModel::kExternal;
  }
  return stack::RoutingModel::kMostAvailable;
}

std::vector<stack::SkillId> skill_ids(const std::vector<std::string>& names, const stack::Router& router) {
  std::vector<stack::SkillId> ids;
  for (const std::string& name : names) ids.push_back(router.find_skill(name));
  return ids;
}

stack::QueueId queue_index(const Org& org, const std::string& id) {
  for (std::size_t i = 0; i < org.queues.size(); ++i) {
    if (org.queues[i].id == id) return stack::QueueId(static_cast<std::uint32_t>(i));
  }
  return stack::QueueId();
}

}  // namespace

stack::ChannelType stack_channel_type(ChannelType type) {
  switch (type) {
    case ChannelType::kSms: return stack::ChannelType::kSms;
    case ChannelType::kWhatsapp: return stack::ChannelType::kWhatsapp;
    case ChannelType::kMessenger: return stack::ChannelType::kMessenger;
    case ChannelType::kApple: return stack::ChannelType::kApple;
    case ChannelType::kLine: return stack::ChannelType::kLine;
    case ChannelType::kWeb: return stack::ChannelType::kWeb;
    case ChannelType::kInApp: return stack::ChannelType::kInApp;
    case ChannelType::kByoc: return stack::ChannelType::kByoc;
    case ChannelType::kByocCcaas: return stack::ChannelType::kByocCcaas;
  }
  return stack::ChannelType::kWeb;
}

fakes::FakeProviderSettings fake_provider_settings(const ProviderSettings& settings) {
  fakes::FakeProviderSettings fake;
  if (settings.latency) fake.latency = *settings.latency;
  if (settings.receipt_latency) fake.receipt_latency = *settings.receipt_latency;
  if (settings.faults) {
    const Faults& faults = *settings.faults;
    fake.faults.duplicate = faults.duplicate;
    fake.faults.reorder = faults.reorder;
    fake.faults.drop_then_retry = faults.drop_then_retry;
    for (const Outage& outage : faults.outages) fake.faults.outages.push_back(fakes::OutageWindow{outage.at, outage.length});
    fake.faults.throttle_per_s = faults.throttle_per_s;
    fake.faults.bad_signature = faults.bad_signature;
  }
  if (settings.keyword_match) {
    switch (*settings.keyword_match) {
      case KeywordMatch::kSingleWordCaseInsensitive:
        fake.keyword_match = stack::KeywordMatchMode::kSingleWordCaseInsensitive;
        break;
      case KeywordMatch::kExactCaseSensitive: fake.keyword_match = stack::KeywordMatchMode::kExactCaseSensitive; break;
      case KeywordMatch::kIgnorePunctuation: fake.keyword_match = stack::KeywordMatchMode::kIgnorePunctuation; break;
    }
  }
  return fake;
}

stack::TemplateCategory stack_template_category(TemplateCategory category) {
  switch (category) {
    case TemplateCategory::kMarketing: return stack::TemplateCategory::kMarketing;
    case TemplateCategory::kUtility: return stack::TemplateCategory::kUtility;
    case TemplateCategory::kAuthentication: return stack::TemplateCategory::kAuthentication;
  }
  return stack::TemplateCategory::kUtility;
}

stack::AllowExisting stack_allow_existing(AllowExistingSession allow) {
  switch (allow) {
    case AllowExistingSession::kAny: return stack::AllowExisting::kAny;
    case AllowExistingSession::kClosed: return stack::AllowExisting::kClosed;
    case AllowExistingSession::kNonActive: return stack::AllowExisting::kNonActive;
  }
  return stack::AllowExisting::kAny;
}

void deploy_queues(const Org& org, stack::Router& router) {
  // Skills first: queues, agents, channels and flows refer to them by name.
  for (const Queue& queue : org.queues) for (const auto& skill : queue.skills) router.add_skill(skill);
  for (const AgentGroup& group : org.agents) for (const auto& [skill, level] : group.skills) router.add_skill(skill);
  for (const Channel& channel : org.channels) for (const auto& skill : channel.routing.skills) router.add_skill(skill);
  for (const Queue& queue : org.queues) {
    stack::QueueSettings settings;
    settings.id = queue.id;
    settings.priority = queue.priority;
    settings.model = stack_model(queue.model);
    settings.push_timeout = queue.push_timeout;
    settings.capacity_weight = queue.capacity_weight.value_or(1);
    settings.capacity_percentage = queue.capacity_percentage;
    settings.skills = skill_ids(queue.skills, router);
    settings.drop_additional_skills_after = queue.drop_additional_skills_after;
    if (queue.overflow) {
      settings.overflow_queue = queue_index(org, queue.overflow->queue);
      settings.overflow_after = queue.overflow->after;
    }
    (void)router.add_queue(std::move(settings));
  }
}

runtime::Result<stack::BusinessHours> business_hours(const Scenario& scenario, const std::string& id) {
  for (const BusinessHours& hours : scenario.org.business_hours) {
    if (hours.id != id) continue;
    stack::BusinessHoursSettings settings;
    settings.id = hours.id;
    settings.time_zone = hours.time_zone;
    for (int day = 0; day < 7; ++day) {
      settings.week[day] = stack::OpeningHours{hours.week[day].open, hours.week[day].open_minute,
                                               hours.week[day].close_minute};
    }
    settings.holidays = hours.holidays;
    return stack::BusinessHours::create(settings, scenario.start_unix_s);
  }
  return runtime::Status(runtime::StatusCode::kNotFound, "no business hours " + id);
}

namespace {

stack::ConsentLevel required_level(ConsentLevelRequired required) {
  switch (required) {
    case ConsentLevelRequired::kImplicit: return stack::ConsentLevel::kImplicit;
    case ConsentLevelRequired::kExplicit: return stack::ConsentLevel::kExplicit;
    case ConsentLevelRequired::kDouble: return stack::ConsentLevel::kDouble;
  }
  return stack::ConsentLevel::kImplicit;
}

void add_words(stack::KeywordPack& pack, const std::vector<std::string>& words, stack::KeywordAction action) {
  for (const std::string& word : words) {
    runtime::Status added = stack::add_keyword(pack, word, action);
    MSGSIM_CHECK_MSG(added.is_ok(), "the support check admitted a keyword the pack refuses");
  }
}

}  // namespace

// SMS channels follow the carriers' keyword rules even without a `consent`
// object; other channels handle consent only when they have one.
stack::ChannelConsentSettings channel_consent(const Scenario& scenario, const Channel& channel) {
  stack::ChannelConsentSettings settings;
  settings.enabled = channel.consent_given || channel.type == ChannelType::kSms;
  if (!settings.enabled) return settings;
  const ChannelConsent& consent = channel.consent;
  settings.required = required_level(consent.required);
  runtime::Result<stack::KeywordPack> pack = stack::keyword_pack(enum_name(consent.keyword_pack));
  MSGSIM_CHECK_MSG(pack.is_ok(), "a keyword pack of the format is missing from the stack");
  settings.pack = pack.take();
  add_words(settings.pack, consent.keywords.opt_out, stack::KeywordAction::kOptOut);
  add_words(settings.pack, consent.keywords.opt_in, stack::KeywordAction::kOptIn);
  add_words(settings.pack, consent.keywords.help, stack::KeywordAction::kHelp);
  settings.keywords_enabled = !settings.pack.keywords.empty() || !consent.keywords.double_opt_in.empty();
  settings.double_opt_in = consent.keywords.double_opt_in;
  if (settings.required == stack::ConsentLevel::kDouble && settings.double_opt_in.empty()) settings.double_opt_in = {"YES"};
  if (consent.responses.opt_out) settings.opt_out_response = *consent.responses.opt_out;
  settings.opt_in_response = consent.responses.opt_in;
  if (consent.responses.double_opt_in) settings.double_opt_in_prompt = *consent.responses.double_opt_in;
  settings.help_response = consent.responses.help;
  for (const ConsentLanguage& language : consent.languages) {
    stack::ConsentLanguageSettings words;
    words.tag = language.tag;
    words.words.name = language.tag;
    add_words(words.words, language.keywords.opt_out, stack::KeywordAction::kOptOut);
    add_words(words.words, language.keywords.opt_in, stack::KeywordAction::kOptIn);
    add_words(words.words, language.keywords.help, stack::KeywordAction::kHelp);
    words.double_opt_in = language.keywords.double_opt_in;
    words.opt_out_response = language.responses.opt_out;
    words.opt_in_response = language.responses.opt_in;
    words.double_opt_in_prompt = language.responses.double_opt_in;
    words.help_response = language.responses.help;
    if (!words.words.keywords.empty() || !words.double_opt_in.empty()) settings.keywords_enabled = true;
    settings.languages.push_back(std::move(words));
  }
  settings.fcc_revocation = scenario.org.consent_revocation == ConsentRevocation::kFcc;
  if (channel.byoc && channel.byoc->consent_owner == Owner::kPartner) {
    // The partner matches the keywords (against this pack) and tells the
    // platform the outcome; the platform matches none itself.
    settings.partner_owned = true;
    settings.keywords_enabled = false;
  }
  // A partner channel that cannot carry keywords has no keyword handling.
  if (channel.byoc && !channel.byoc->supports_keywords) settings.keywords_enabled = false;
  return settings;
}

stack::ChannelSettings channel_settings(const Scenario& scenario, const Channel& channel, const stack::Router& router,
                                        const stack::Flows& flows) {
  stack::ChannelSettings settings;
  settings.id = channel.id;
  settings.type = stack_channel_type(channel.type);
  settings.address = channel.address;
  settings.active = channel.active;
  if (!channel.routing.queue.empty()) settings.route_queue = router.find_queue(channel.routing.queue);
  settings.route_skills = skill_ids(channel.routing.skills, router);
  if (!channel.routing.agent.empty()) settings.route_agent = router.find_agent(channel.routing.agent);
  if (!channel.routing.flow.empty()) settings.route_flow = flows.find(channel.routing.flow);
  settings.fallback_queue = router.find_queue(channel.fallback_queue);
  settings.partner_routing = channel.byoc && channel.byoc->routing_owner == Owner::kPartner;
  settings.customer_inactivity_timeout = channel.customer_inactivity_timeout;
  settings.initial_response = channel.auto_responses.initial;
  settings.offline_response = channel.auto_responses.offline;
  settings.consent = channel_consent(scenario, channel);
  settings.prefer_last_agent = channel.preferred_agent != PreferredAgent::kNone;
  settings.last_agent_required = channel.preferred_agent == PreferredAgent::kLastRequired;
  if (!channel.business_hours.empty()) {
    runtime::Result<stack::BusinessHours> hours = business_hours(scenario, channel.business_hours);
    MSGSIM_CHECK_MSG(hours.is_ok(), "the support check admitted business hours the stack refuses");
    settings.business_hours = hours.take();
  }
  return settings;
}

namespace {
stack::FlowRoute flow_route(const Org& org, const RouteTarget& target, const stack::Router& router) {
  stack::FlowRoute route;
  if (!target.flow.empty()) {
    for (std::size_t i = 0; i < org.flows.size(); ++i) {
      if (org.flows[i].id == target.flow) route.flow = stack::FlowId(static_cast<std::uint32_t>(i));
    }
    return route;
  }
  route.target = routing_target(target, router);
  return route;
}
}  // namespace

void deploy_flows(const Org& org, stack::Stack& stack) {
  for (const Flow& flow : org.flows) {
    stack::FlowSettings settings;
    settings.id = flow.id;
    settings.greeting = flow.greeting;
    settings.bot_time = flow.bot_time;
    settings.resolve_probability = flow.resolve_probability;
    for (const auto& [intent, target] : flow.by_intent) {
      settings.by_intent.emplace_back(intent, flow_route(org, target, stack.router()));
    }
    if (flow.default_route) settings.default_route = flow_route(org, *flow.default_route, stack.router());
    (void)stack.flows().add(std::move(settings));
  }
}

stack::AgentSettings agent_settings(const AgentGroup& group, int index, const stack::Router& router) {
  stack::AgentSettings settings;
  settings.id = group.count == 1 ? group.id : group.id + "-" + std::to_string(index);
  settings.capacity = group.capacity;
  settings.messaging_permission = std::find(group.permission_sets.begin(), group.permission_sets.end(),
                                            "MessagingUser") != group.permission_sets.end();
  for (const std::string& queue : group.queues) settings.queues.push_back(router.find_queue(queue));
  for (const auto& [skill, level] : group.skills) settings.skills.emplace_back(router.find_skill(skill), level);
  settings.presence.auto_accept = group.presence.auto_accept;
  settings.presence.decline_enabled = group.presence.decline_enabled;
  if (group.presence.status_on_decline) settings.presence.status_on_decline = stack_status(*group.presence.status_on_decline);
  if (group.presence.status_on_push_timeout) {
    settings.presence.status_on_push_timeout = stack_status(*group.presence.status_on_push_timeout);
  }
  // With a shift, the agent starts offline and the shift's entries set its status.
  settings.initial_status = group.shift.empty() ? stack::PresenceStatus::kOnline : stack::PresenceStatus::kOffline;
  return settings;
}

stack::RoutingTarget routing_target(const RouteTarget& target, const stack::Router& router) {
  stack::RoutingTarget out;
  out.queue = router.find_queue(target.queue);
  out.additional_skills = skill_ids(target.skills, router);
  if (!target.agent.empty()) {
    out.preferred_agent = router.find_agent(target.agent);
    out.preferred_required = true;
  }
  return out;
}

fakes::AgentBehaviorSpec agent_behavior(const AgentGroup& group, const stack::Router& router,
                                         const stack::Flows& flows) {
  const AgentBehavior& behavior = group.behavior;
  fakes::AgentBehaviorSpec spec;
  spec.accept_delay = behavior.accept_delay;
  spec.decline_probability = behavior.decline_probability;
  spec.reply_delay = behavior.reply_delay;
  spec.handle_time = behavior.handle_time;
  spec.transfer_probability = behavior.transfer_probability;
  spec.mark_inactive_probability = behavior.mark_inactive_probability;
  spec.follow_up_probability = behavior.follow_up_probability;
  spec.follow_up_after = behavior.follow_up_after;
  spec.end_when_silent = behavior.end_when_silent;
  if (behavior.transfer_to && behavior.transfer_to->flow.empty()) {
    spec.transfer_to = routing_target(*behavior.transfer_to, router);
  }
  if (behavior.transfer_to && !behavior.transfer_to->flow.empty()) spec.transfer_to_flow = flows.find(behavior.transfer_to->flow);
  spec.shift = shift_changes(group);
  return spec;
}

std::vector<fakes::ShiftChange> shift_changes(const AgentGroup& group) {
  std::vector<fakes::ShiftChange> changes;
  for (const ShiftEntry& entry : group.shift) {
    changes.push_back(fakes::ShiftChange{runtime::Time::at(entry.at), stack_status(entry.status)});
  }
  return changes;
}

stack::IdentitySettings identity_settings(const Org& org) {
  stack::IdentitySettings settings;
  switch (org.identity.policy) {
    case IdentityPolicy::kStrict: settings.policy = stack::IdentityPolicy::kStrict; break;
    case IdentityPolicy::kVerified: settings.policy = stack::IdentityPolicy::kVerified; break;
    case IdentityPolicy::kPhoneEmail: settings.policy = stack::IdentityPolicy::kPhoneEmail; break;
    case IdentityPolicy::kNone: settings.policy = stack::IdentityPolicy::kNone; break;
  }
  settings.phone_region = org.identity.phone_region;
  settings.reassigned_numbers_check = org.identity.reassigned_numbers_check;
  return settings;
}

fakes::PartnerSettings partner_settings(const Scenario& scenario, const Channel& channel, const stack::Stack& stack,
                                        stack::ChannelId id) {
  fakes::PartnerSettings partner;
  if (!channel.byoc) return partner;
  const stack::ChannelSettings& settings = stack.channels().settings(id);
  partner.owns_routing = settings.partner_routing;
  if (partner.owns_routing) {
    const stack::Router& router = stack.router();
    for (std::uint32_t i = 0; i < router.agent_count(); ++i) {
      const std::vector<stack::QueueId>& queues = router.agent(stack::AgentId(i)).queues;
      if (std::find(queues.begin(), queues.end(), settings.route_queue) != queues.end()) {
        partner.roster.push_back(stack::AgentId(i));
      }
    }
  }
  partner.owns_consent = settings.consent.partner_owned;
  if (partner.owns_consent) {
    const stack::ChannelConsentSettings consent = channel_consent(scenario, channel);
    partner.keywords = consent.pack;
    // The partner matches every language's words (and answers in the channel's own).
    for (const stack::ConsentLanguageSettings& language : consent.languages) {
      for (const stack::Keyword& word : language.words.keywords) {
        (void)stack::add_keyword(partner.keywords, word.text, word.action);
      }
    }
    partner.opt_out_confirmation = consent.opt_out_response;
    partner.opt_in_confirmation = consent.opt_in_response;
    partner.help_response = consent.help_response;
  }
  return partner;
}

}  // namespace msgsim::harness
