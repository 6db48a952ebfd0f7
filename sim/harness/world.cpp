#include "sim/harness/world.h"

#include <algorithm>

#include "fakes/providers/provider_factory.h"
#include "sim/harness/deployment.h"
#include "sim/runtime/check.h"
#include "sim/runtime/live_runtime.h"

namespace msgsim::harness {

namespace {

// Fields set under a more specific key replace those of a less specific one.
void overlay(ProviderSettings& into, const ProviderSettings& from) {
  if (from.latency) into.latency = from.latency;
  if (from.receipt_latency) into.receipt_latency = from.receipt_latency;
  if (from.faults) into.faults = from.faults;
  if (from.keyword_match) into.keyword_match = from.keyword_match;
  if (from.wire) into.wire = from.wire;
}

fakes::ArrivalSpec arrival_spec(const Population& population) {
  fakes::ArrivalSpec spec;
  const Arrivals& arrivals = population.arrivals;
  switch (arrivals.kind) {
    case ArrivalKind::kPoisson: spec.kind = fakes::ArrivalSpec::Kind::kPoisson; break;
    case ArrivalKind::kCount: spec.kind = fakes::ArrivalSpec::Kind::kCount; break;
    case ArrivalKind::kAt: spec.kind = fakes::ArrivalSpec::Kind::kAt; break;
  }
  spec.rate_per_s = arrivals.rate.per_second;
  for (const ProfileStep& step : arrivals.profile) {
    spec.profile.push_back(fakes::RateStep{runtime::Time::at(step.at), step.factor});
  }
  spec.count = arrivals.count;
  spec.over = arrivals.over;
  for (Duration at : arrivals.at) spec.at.push_back(runtime::Time::at(at));
  spec.max = population.max;
  return spec;
}

// The expected number of arrivals of a population within `duration`.
double expected_arrivals(const Population& population, Duration duration) {
  const Arrivals& arrivals = population.arrivals;
  double expected = 0.0;
  if (arrivals.kind == ArrivalKind::kCount) expected = static_cast<double>(arrivals.count);
  if (arrivals.kind == ArrivalKind::kAt) expected = static_cast<double>(arrivals.at.size());
  if (arrivals.kind == ArrivalKind::kPoisson) {
    // The integral of the piecewise constant rate profile over [0, duration).
    double factor = 1.0;
    Duration from = Duration::zero();
    for (const ProfileStep& step : arrivals.profile) {
      const Duration until = std::min(step.at, duration);
      if (until > from) expected += arrivals.rate.per_second * factor * (until - from).to_seconds();
      from = std::max(from, until);
      factor = step.factor;
    }
    if (duration > from) expected += arrivals.rate.per_second * factor * (duration - from).to_seconds();
  }
  if (population.max) expected = std::min(expected, static_cast<double>(*population.max));
  return expected;
}

// Storage for the expected traffic plus a margin, capped so that a scenario
// that would never finish cannot make the world allocate absurd amounts up front.
stack::CapacityHint capacity_hint(const Scenario& scenario) {
  double customers = 0.0;
  double messages = 0.0;
  for (const Population& population : scenario.customers.populations) {
    const double arrivals = expected_arrivals(population, scenario.duration);
    customers += arrivals;
    messages += arrivals * std::max(1.0, population.behavior.messages.mean());
  }
  constexpr double kMargin = 1.05;
  constexpr double kCap = 20'000'000.0;
  auto size = [&](double value) { return static_cast<std::size_t>(std::min(value * kMargin, kCap)); };
  return stack::CapacityHint{size(customers), size(customers), size(2.0 * messages)};
}

// What the invariant oracle knows of the deployment, read from the scenario
// (not from the stack it judges).
InvariantConfig invariant_config(const Scenario& scenario) {
  InvariantConfig config;
  const Org& org = scenario.org;
  auto queue_index = [&](const std::string& id) {
    for (std::size_t i = 0; i < org.queues.size(); ++i) {
      if (org.queues[i].id == id) return static_cast<std::uint32_t>(i);
    }
    return std::uint32_t{0};
  };
  for (const Queue& queue : org.queues) {
    config.queues.push_back({QueueWeight{queue.capacity_weight.value_or(1), queue.capacity_percentage}, queue.skills,
                             queue.model == RoutingModel::kExternal});
  }
  for (const AgentGroup& group : org.agents) {
    InvariantConfig::Agent agent;
    agent.capacity = group.capacity;
    agent.permission = std::find(group.permission_sets.begin(), group.permission_sets.end(), "MessagingUser") !=
                       group.permission_sets.end();
    for (const std::string& queue : group.queues) agent.queues.push_back(queue_index(queue));
    for (const auto& [skill, level] : group.skills) {
      if (level > 0) agent.skills.push_back(skill);
    }
    if (group.behavior.transfer_to) agent.transfer_skills = group.behavior.transfer_to->skills;
    for (int i = 0; i < group.count; ++i) config.agents.push_back(agent);
  }
  for (const Channel& channel : org.channels) {
    config.channels.push_back({channel.routing.skills, !channel.routing.agent.empty(),
                               channel.byoc && channel.byoc->routing_owner == Owner::kPartner});
  }
  return config;
}

WorldOptions options_with_trace(stack::TraceSink* trace) {
  WorldOptions options;
  options.trace = trace;
  return options;
}

}  // namespace

ProviderSettings provider_settings_for(const Scenario& scenario, const Channel& channel) {
  ProviderSettings settings;
  for (const std::string& key : {std::string("*"), std::string(to_string(channel.type)), channel.declared_id, channel.id}) {
    auto it = scenario.providers.find(key);
    if (it != scenario.providers.end()) overlay(settings, it->second);
  }
  return settings;
}

World::World(const Scenario& scenario, std::uint64_t seed, stack::TraceSink* trace)
    : World(scenario, seed, options_with_trace(trace)) {}

World::World(const Scenario& scenario, std::uint64_t seed, WorldOptions options)
    : scenario_(scenario),
      runtime_(seed),
      stack_(runtime_),
      devices_(truth_, scenario.org.channels.size()),
      options_(std::move(options)) {
  if (options_.trace != nullptr) stack_.tracer().subscribe(options_.trace);
  const stack::CapacityHint hint = capacity_hint(scenario_);
  stack_.reserve(hint);
  truth_.reserve(hint.messaging_users, hint.transcript_entries / 2);
  deploy_org();
  routing_oracle_ = std::make_unique<RoutingOracle>(channel_names(), queue_names());
  conservation_oracle_ = std::make_unique<ConservationOracle>(channel_names());
  for (const AgentGroup& group : scenario_.org.agents) {
    for (int i = 0; i < group.count; ++i) agent_facts_.push_back(AgentFacts{group.capacity});
  }
  population_oracle_ = std::make_unique<PopulationOracle>(truth_, queue_weights_, agent_facts_);
  stack_.tracer().subscribe(routing_oracle_.get());
  stack_.tracer().subscribe(conservation_oracle_.get());
  stack_.tracer().subscribe(population_oracle_.get());
  timeseries_oracle_ = std::make_unique<TimeseriesOracle>();
  invariant_oracle_ = std::make_unique<InvariantOracle>(invariant_config(scenario_));
  stack_.tracer().subscribe(invariant_oracle_.get());
  stack_.tracer().subscribe(timeseries_oracle_.get());
  merge_oracle_ = std::make_unique<MergeOracle>(truth_, channel_names());
  stack_.tracer().subscribe(merge_oracle_.get());
  transcript_sampler_ = std::make_unique<TranscriptSampler>(stack_, truth_);
  stack_.tracer().subscribe(transcript_sampler_.get());
  truth_.set_customer_message_observer(transcript_sampler_.get());
  devices_.set_tap(transcript_sampler_.get());
  stack_.identity().configure(identity_settings(scenario_.org));
  stack_.identity().set_reassigned_numbers(&reassigned_numbers_);
  if (consent_applies(scenario_)) {
    // The boundary log costs a text copy per message: only when judged.
    consent_oracle_ = std::make_unique<ConsentOracle>(consent_oracle_config(scenario_));
    stack_.tracer().subscribe(consent_oracle_.get());
    truth_.record_boundary = true;
  }
  stack_.set_capacity_model(scenario_.org.capacity_model == CapacityModel::kStatusBased
                                ? stack::CapacityModel::kStatusBased
                                : stack::CapacityModel::kTabBased);
  create_agents();
  deploy_flows(scenario_.org, stack_);
  create_fake_agents();
  deploy_channels();
  create_providers();
  create_populations();
  create_scripts();
  create_notifications();
}

void World::deploy_org() {
  deploy_queues(scenario_.org, stack_.router());
  for (const Queue& queue : scenario_.org.queues) {
    queue_weights_.push_back(QueueWeight{queue.capacity_weight.value_or(1), queue.capacity_percentage});
  }
}

void World::deploy_channels() {
  for (const Channel& channel : scenario_.org.channels) {
    runtime::Result<stack::ChannelId> added =
        stack_.channels().add(channel_settings(scenario_, channel, stack_.router(), stack_.flows()));
    MSGSIM_CHECK_MSG(added.is_ok(), "the support check admitted a channel the stack refuses");
  }
}

void World::create_providers() {
  providers_.assign(scenario_.org.channels.size(), nullptr);
  for (std::size_t i = 0; i < scenario_.org.channels.size(); ++i) {
    const Channel& channel = scenario_.org.channels[i];
    const stack::ChannelId id(static_cast<std::uint32_t>(i));
    const ProviderSettings settings = provider_settings_for(scenario_, channel);
    fakes::FakeProviderSettings fake_settings = fake_provider_settings(settings);
    fake_settings.partner = partner_settings(scenario_, channel, stack_, id);
    auto provider = fakes::make_provider_fake(stack_channel_type(channel.type), runtime_, stack_, truth_, devices_, id,
                                              std::move(fake_settings));
    providers_[i] = provider.get();
    if (options_.every_channel_on_wire || settings.wire.value_or(scenario_.wire) == WireMode::kJson) {
      if (!wire_) wire_ = std::make_unique<WireBoundaries>(runtime_, stack_, truth_, options_.wire);
      const double bad_signature = settings.faults ? settings.faults->bad_signature : 0.0;
      wire_->add(id, channel.id, stack_channel_type(channel.type), channel.address, *provider, bad_signature);
      // The provider's gateway numbers this channel's business messages.
      truth_.reported_statuses().number_per_channel(id);
    } else {
      stack_.channels().connect(id, provider.get());
    }
    provider_storage_.push_back(std::move(provider));
  }
}

// Agents join the router first (flows may route to them), and the people
// playing them come after the flows (an agent may transfer to a flow).
void World::create_agents() {
  for (const AgentGroup& group : scenario_.org.agents) {
    for (int i = 1; i <= group.count; ++i) (void)stack_.router().add_agent(agent_settings(group, i, stack_.router()));
  }
}

void World::create_fake_agents() {
  std::uint32_t next = 0;
  for (const AgentGroup& group : scenario_.org.agents) {
    const fakes::AgentBehaviorSpec behavior = agent_behavior(group, stack_.router(), stack_.flows());
    for (int i = 1; i <= group.count; ++i, ++next) {
      const stack::AgentId id(next);
      if (!options_.unplayed_agent.empty() && stack_.router().agent(id).id == options_.unplayed_agent) continue;
      agents_.push_back(std::make_unique<fakes::FakeAgent>(runtime_, stack_.console(), id,
                                                           stack_.router().agent(id).id, behavior));
    }
  }
}

void World::create_populations() {
  const runtime::Time horizon = runtime::Time::at(scenario_.duration);
  for (std::size_t p = 0; p < scenario_.customers.populations.size(); ++p) {
    const Population& population = scenario_.customers.populations[p];
    fakes::PopulationSpec spec;
    spec.id = population.id;
    spec.arrivals = arrival_spec(population);
    for (const auto& [channel, weight] : population.channels) {
      if (weight > 0.0) spec.channels.emplace_back(stack_.channels().find(channel), weight);
    }
    spec.messages = population.behavior.messages;
    spec.think_time = population.behavior.think_time;
    spec.patience = population.behavior.patience;
    spec.intents = population.behavior.intents;
    spec.return_probability = population.behavior.return_probability;
    spec.return_after = population.behavior.return_after;
    spec.switch_channel_probability = population.behavior.switch_channel_probability;
    spec.switch_after = population.behavior.switch_after;
    const PopulationIdentity& identity = population.identity;
    spec.identity = fakes::PersonIdentitySpec{identity.has_email, identity.verified_web, identity.shared_phone,
                                              identity.recycled_phone, identity.email_typo};
    spec.help_probability = population.consent.help_probability;
    spec.opt_out_probability = population.consent.opt_out_probability;
    spec.opt_in_again_probability = population.consent.opt_in_again_probability;
    spec.languages = population.languages;
    spec.style_exact = population.consent.keyword_style.exact;
    spec.style_lowercase = population.consent.keyword_style.lowercase;
    spec.style_padded = population.consent.keyword_style.padded;
    for (const Channel& channel : scenario_.org.channels) {
      // Keywords reach someone on the channel: the platform, or the partner that owns consent.
      const stack::ChannelConsentSettings consent = channel_consent(scenario_, channel);
      spec.keyword_channels.push_back(consent.keywords_enabled || consent.partner_owned);
      std::vector<fakes::PopulationSpec::LanguageWords> words;
      for (const ConsentLanguage& language : channel.consent.languages) {
        const auto first = [](const std::vector<std::string>& list) { return list.empty() ? std::string() : list[0]; };
        words.push_back({language.tag, first(language.keywords.opt_out), first(language.keywords.opt_in),
                         first(language.keywords.help)});
      }
      spec.language_words.push_back(std::move(words));
    }
    populations_.push_back(std::make_unique<fakes::Population>(runtime_, truth_, static_cast<std::uint32_t>(p),
                                                               std::move(spec), providers_, horizon));
    devices_.add_population(populations_.back().get());
    populations_.back()->start();
  }
}

// Scripted customers act and are judged by the script checker, which watches
// the trace like an oracle; a scenario without scripts pays nothing.
// The business system behind `notifications`: each fires at its time for the
// audience's customers on its channel.
void World::create_notifications() {
  for (const Notification& notification : scenario_.notifications) {
    fakes::NotificationSpec spec;
    spec.channel = stack_.channels().find(notification.channel);
    spec.at = runtime::Time::at(notification.at);
    for (std::size_t p = 0; p < scenario_.customers.populations.size(); ++p) {
      const std::string& id = scenario_.customers.populations[p].id;
      if (notification.audience == "all" || notification.audience == "population:" + id) {
        spec.audience.push_back(populations_[p].get());
      }
    }
    spec.text = notification.text.value_or("Update from us: " + notification.template_name);
    // Approved templates are a WhatsApp concept; elsewhere the template is
    // just the text the platform sends.
    const stack::ChannelType type = stack_.channels().settings(spec.channel).type;
    if (type == stack::ChannelType::kWhatsapp) {
      spec.options.template_name = notification.template_name;
      spec.options.template_category = stack_template_category(notification.category);
    }
    spec.allow_existing = stack_allow_existing(notification.allow_existing_session);
    notification_triggers_.push_back(std::make_unique<fakes::NotificationTrigger>(runtime_, stack_, std::move(spec)));
  }
}

void World::create_scripts() {
  const std::vector<Script>& scripts = scenario_.customers.scripts;
  if (scripts.empty()) return;
  std::vector<fakes::ScriptedCustomer*> customers;
  for (std::size_t i = 0; i < scripts.size(); ++i) {
    scripted_.push_back(
        std::make_unique<fakes::ScriptedCustomer>(runtime_, truth_, static_cast<std::uint32_t>(i), providers_));
    devices_.add_scripted(scripted_.back().get());
    fakes::PersonIdentity& identity = truth_.identity(scripted_.back()->person());
    if (scripts[i].person.phone) identity.phone = *scripts[i].person.phone;
    if (scripts[i].person.email) identity.email = *scripts[i].person.email;
    customers.push_back(scripted_.back().get());
  }
  script_checker_ = std::make_unique<ScriptChecker>(runtime_, stack_, truth_, scripts, std::move(customers));
  script_checker_->start();
}

namespace {

constexpr std::int64_t kProgressSlices = 1000;

void run_until_with_ticks(runtime::SimRuntime& runtime, runtime::Time end, const World::ProgressTick& tick) {
  if (!tick) {
    runtime.run_until(end);
    return;
  }
  const Duration slice = Duration::nanoseconds(std::max<std::int64_t>(1, end.ns() / kProgressSlices));
  while (runtime.now() < end) {
    runtime.run_until(end - runtime.now() > slice ? runtime.now() + slice : end);
    tick(runtime.now(), runtime.events_executed());
  }
}

}  // namespace

Metrics World::run() { return run(ProgressTick()); }

Metrics World::run(const ProgressTick& tick) {
  const runtime::Time end = runtime::Time::at(scenario_.duration + scenario_.drain);
  run_until_with_ticks(runtime_, end, tick);
  return finish_run(end);
}

Metrics World::run_live(runtime::LivePacer& pacer) {
  const runtime::Time end = runtime::Time::at(scenario_.duration + scenario_.drain);
  pacer.run_until(end);
  return finish_run(end);
}

Metrics World::finish_run(runtime::Time end) {
  if (script_checker_) script_results_ = script_checker_->finish(end);
  return collect_metrics(end, timeseries_oracle_->finish(end));
}

Metrics World::snapshot() {
  // A copy closes the minutes up to now, so the running oracle keeps its
  // current minute open for the events still to come.
  TimeseriesOracle timeseries = *timeseries_oracle_;
  return collect_metrics(runtime_.now(), timeseries.finish(runtime_.now()));
}

Metrics World::collect_metrics(runtime::Time end, std::vector<MinuteRow> timeseries) {
  std::uint64_t in_flight = 0;
  for (const fakes::ProviderFake* provider : providers_) in_flight += provider->in_flight();
  Metrics metrics;
  metrics.routing = routing_oracle_->summary();
  OutboundResolver resolve;
  if (wire_) {
    resolve = [this](stack::ChannelId channel, std::uint64_t number) { return wire_->stack_outbound(channel, number); };
  }
  metrics.messages = conservation_oracle_->finish(truth_, in_flight, resolve);
  metrics.population = population_oracle_->finish(end);
  for (const auto& population : populations_) metrics.population.abandoned += population->abandoned();
  metrics.timeseries = std::move(timeseries);
  metrics.notifications = stack_.notifications().counts();
  metrics.invariants = invariant_oracle_->summary();
  metrics.merges = merge_oracle_->finish();
  metrics.transcripts = transcript_sampler_->finish();
  if (consent_oracle_) metrics.consent = consent_oracle_->finish(truth_, end);
  if (wire_) metrics.wire = wire_->counts();
  for (std::size_t i = 0; i < providers_.size(); ++i) {
    if (const fakes::PartnerCounts* counts = providers_[i]->partner_counts()) {
      metrics.partners.emplace_back(scenario_.org.channels[i].id, *counts);
    }
  }
  metrics.events = runtime_.events_executed();
  metrics.end_s = end.to_seconds();
  return metrics;
}

std::vector<std::string> World::channel_names() const {
  std::vector<std::string> names;
  for (const Channel& channel : scenario_.org.channels) names.push_back(channel.id);
  return names;
}

std::vector<std::string> World::queue_names() const {
  std::vector<std::string> names;
  for (const Queue& queue : scenario_.org.queues) names.push_back(queue.id);
  return names;
}

}  // namespace msgsim::harness
