// Runs the scenario's scripts against the world and judges them: it walks
// each script's steps in order, tells the scripted customer to act (`send`,
// `clear_device`, `verify`, `delete_conversation`, `block`), and judges `expect` steps from the customer's device inbox
// and the stack's trace (script_checks.h says what each check means). It is
// an oracle-like observer: it reads the trace and the fakes, never the
// stack's own verdicts.
//
// Timeline: a step's scheduled time is `at` (from t = 0), or the previous
// step's scheduled time + `after`, or, with neither, the moment the previous
// step finished. `after` counts from the previous step's *scheduled* time so
// a script's timeline does not drift with how fast the stack answered; a step
// never starts before the previous one finished (an `expect` step finishes
// when it passes or fails), so it then starts late, and its detail says so.
// A failed step does not stop the script: later steps still run, so one run
// shows every failure. Steps still open or not reached when the run ends fail,
// naming the end time. Owned by the world; single-threaded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "fakes/customers/scripted_customer.h"
#include "sim/harness/scenario.h"
#include "sim/harness/script_checks.h"
#include "sim/harness/script_facts.h"
#include "sim/harness/script_results.h"
#include "sim/runtime/runtime.h"
#include "sim/stack/stack.h"
#include "sim/stack/trace.h"

namespace msgsim::harness {

class ScriptChecker final : public stack::TraceSink, public fakes::DeviceObserver {
 public:
  // `customers[i]` plays `scripts[i]`. The checker subscribes to the stack's
  // trace and observes the customers' devices; both outlive it or are owned
  // by the same world.
  ScriptChecker(runtime::Runtime& runtime, stack::Stack& stack, const fakes::GroundTruth& truth,
                const std::vector<Script>& scripts, std::vector<fakes::ScriptedCustomer*> customers);
  ScriptChecker(const ScriptChecker&) = delete;
  ScriptChecker& operator=(const ScriptChecker&) = delete;

  // Schedules every script's first step.
  void start();
  // Judges what is still open when the run ends at `end`; returns one result
  // per script, in file order. Call once, after the run.
  std::vector<ScriptResult> finish(runtime::Time end);

  void on_trace(const stack::TraceEvent& event) override;
  void on_device_item(std::uint32_t script, std::size_t inbox_index) override;

 private:
  struct ActiveExpect {
    StepContext context;
    std::vector<Check> checks;
    runtime::EventId timer;
    runtime::Time timer_at = runtime::Time::max();
  };
  struct ScriptRun {
    const Script* script = nullptr;
    fakes::ScriptedCustomer* customer = nullptr;
    std::size_t next = 0;  // the step running or about to run
    runtime::Time scheduled;  // of step `next`
    runtime::Time previous_scheduled;
    runtime::Time previous_finished;
    std::optional<LastSend> send;
    std::optional<ActiveExpect> expect;
    std::vector<BusinessSender> senders;  // by inbox index
    ScriptResult result;
  };

  void schedule_step(std::uint32_t index);
  void run_step(std::uint32_t index);
  void run_send(std::uint32_t index, const ScriptStep& step);
  void run_clear_device(std::uint32_t index, const ScriptStep& step);
  // `verify` logs the customer in as the subject "script-<script id>", one
  // verified user per script on every device it verifies.
  void run_verify(std::uint32_t index, const ScriptStep& step);
  // `delete_conversation` and `block` fail when the customer never wrote on
  // the channel: there is no conversation to delete, no account to block.
  void run_delete_conversation(std::uint32_t index, const ScriptStep& step);
  void run_block(std::uint32_t index, const ScriptStep& step);
  void begin_expect(std::uint32_t index);
  void judge_expect(std::uint32_t index);
  void arm_timer(std::uint32_t index, runtime::Time at);
  void complete_step(std::uint32_t index, bool passed, std::string detail);
  CheckView view_of(std::uint32_t index);
  std::string late_note(const ScriptRun& run, runtime::Time started) const;
  void finish_open_expect(std::uint32_t index, runtime::Time end);

  runtime::Runtime& runtime_;
  stack::Stack& stack_;
  ScriptFacts facts_;
  std::vector<ScriptRun> runs_;
  bool finished_ = false;  // the run is over: nothing more is scheduled
};

}  // namespace msgsim::harness
