// One replication's world: a SimRuntime, the stack deployed as the scenario's
// org describes, the fake providers, customers and agents wired to it through
// the real boundaries (webhooks and provider APIs, the agent console), and the
// oracles subscribed to the trace. Built from a validated, supported scenario.
// Owned and run by one thread.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "fakes/agents/fake_agent.h"
#include "fakes/customers/customer_devices.h"
#include "fakes/customers/notification_trigger.h"
#include "fakes/customers/population.h"
#include "fakes/ground_truth.h"
#include "fakes/providers/provider_fake.h"
#include "fakes/reassigned_numbers_db.h"
#include "sim/harness/metrics.h"
#include "sim/harness/oracles/transcript_sampler.h"
#include "sim/harness/scenario.h"
#include "sim/harness/script_checker.h"
#include "sim/harness/script_results.h"
#include "sim/harness/wire_boundaries.h"
#include "sim/runtime/sim_runtime.h"
#include "sim/stack/stack.h"

namespace msgsim::runtime {
class LivePacer;
}  // namespace msgsim::runtime

namespace msgsim::harness {

// How a world is built beyond its scenario and seed.
struct WorldOptions {
  // Subscribed before anything is deployed, so it sees every event; it must
  // outlive the World. None = no cost.
  stack::TraceSink* trace = nullptr;
  // Live mode: every channel's provider boundary runs in wire mode (as if
  // the scenario said wire "json"), with `wire`'s URL and webhook transport.
  bool every_channel_on_wire = false;
  WireOptions wire;
  // Live mode: the agent (by its deployed id, e.g. "desk-1") is deployed but
  // no FakeAgent plays it, so a tester's console seat can attach to it.
  // Empty = every agent is simulated.
  std::string unplayed_agent;
};

class World {
 public:
  // REQUIRES: `scenario` passed the loader and the support check.
  // `trace`, when given, is subscribed before anything is deployed, so it
  // sees every event; it must outlive the World. None = no cost.
  World(const Scenario& scenario, std::uint64_t seed, stack::TraceSink* trace = nullptr);
  World(const Scenario& scenario, std::uint64_t seed, WorldOptions options);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Runs arrivals for `duration`, then drains for `drain`; returns the metrics.
  Metrics run();
  // Called between slices of simulated time with now() and the events run so
  // far. It runs outside any event and must not touch the world.
  using ProgressTick = std::function<void(runtime::Time now, std::uint64_t events)>;
  // As run(), calling `tick` after each 1/1000 of the run. The runtime runs
  // the same events in the same order however its run is sliced, so the
  // metrics are those of run().
  Metrics run(const ProgressTick& tick);
  // As run(), with the runtime's events paced against the wall clock by
  // `pacer` (live mode): returns when simulated time reaches the end.
  // REQUIRES: `pacer` paces runtime() and was not started.
  Metrics run_live(runtime::LivePacer& pacer);
  // Live mode: the metrics of the run so far, at now(), without ending it.
  // The oracles are read, not finished; scripts are not judged.
  Metrics snapshot();
  // Live mode: ends the run where the clock stands (a session stopped early,
  // or paced to its end): scripts are judged up to now(); the metrics.
  Metrics finish_now() { return finish_run(runtime_.now()); }

  // Per script, what its steps did; filled by run() (empty without scripts).
  const std::vector<ScriptResult>& script_results() const { return script_results_; }

  runtime::SimRuntime& runtime() { return runtime_; }
  stack::Stack& stack() { return stack_; }
  // The wire-mode boundaries (null when every channel is typed).
  WireBoundaries* wire_boundaries() { return wire_.get(); }
  // Live mode's testers act inside the world: as customers through the fake
  // providers (ground truth, devices) and as agents through the console.
  const Scenario& scenario() const { return scenario_; }
  fakes::GroundTruth& truth() { return truth_; }
  fakes::CustomerDevices& devices() { return devices_; }
  // REQUIRES: `channel` exists.
  fakes::ProviderFake& provider(stack::ChannelId channel) { return *providers_[channel.value]; }
  // Indexed by channel id.
  const std::vector<fakes::ProviderFake*>& providers() const { return providers_; }

 private:
  void deploy_org();
  void deploy_channels();
  void create_providers();
  void create_agents();
  void create_fake_agents();
  void create_populations();
  void create_scripts();
  void create_notifications();
  // The metrics of a run that reached `end`.
  Metrics finish_run(runtime::Time end);
  // The oracles' figures at `end`, with `timeseries` as the per-minute rows.
  Metrics collect_metrics(runtime::Time end, std::vector<MinuteRow> timeseries);
  std::vector<std::string> channel_names() const;
  std::vector<std::string> queue_names() const;

  const Scenario& scenario_;
  runtime::SimRuntime runtime_;
  stack::Stack stack_;
  fakes::GroundTruth truth_;
  fakes::CustomerDevices devices_;
  fakes::ReassignedNumbersDb reassigned_numbers_{truth_};
  std::vector<std::unique_ptr<fakes::ProviderFake>> provider_storage_;
  std::vector<fakes::ProviderFake*> providers_;  // by channel id
  WorldOptions options_;
  std::unique_ptr<WireBoundaries> wire_;         // null when every channel is typed
  std::vector<std::unique_ptr<fakes::FakeAgent>> agents_;
  std::vector<std::unique_ptr<fakes::Population>> populations_;
  std::vector<QueueWeight> queue_weights_;
  std::vector<AgentFacts> agent_facts_;
  std::unique_ptr<RoutingOracle> routing_oracle_;
  std::unique_ptr<ConservationOracle> conservation_oracle_;
  std::unique_ptr<PopulationOracle> population_oracle_;
  std::unique_ptr<TimeseriesOracle> timeseries_oracle_;
  std::unique_ptr<InvariantOracle> invariant_oracle_;
  std::unique_ptr<MergeOracle> merge_oracle_;
  std::unique_ptr<ConsentOracle> consent_oracle_;  // none when no channel has consent keywords
  std::unique_ptr<TranscriptSampler> transcript_sampler_;
  std::vector<std::unique_ptr<fakes::ScriptedCustomer>> scripted_;  // by script index
  std::unique_ptr<ScriptChecker> script_checker_;                   // none without scripts
  std::vector<std::unique_ptr<fakes::NotificationTrigger>> notification_triggers_;
  std::vector<ScriptResult> script_results_;
};

// The provider settings that apply to `channel`: "*" < type < channel id
// (its declared id, then its expanded id), the most specific key wins per field.
ProviderSettings provider_settings_for(const Scenario& scenario, const Channel& channel);

}  // namespace msgsim::harness
