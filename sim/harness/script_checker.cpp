#include "sim/harness/script_checker.h"

#include <algorithm>
#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::harness {

using runtime::Time;

namespace {

const char* check_name(CheckKind kind) {
  switch (kind) {
    case CheckKind::kRoutedWithin: return "routed_within";
    case CheckKind::kReplyWithin: return "reply_within";
    case CheckKind::kReceived: return "received";
    case CheckKind::kNoOutbound: return "no_outbound";
    case CheckKind::kSameAgent: return "same_agent";
    case CheckKind::kSessionStatus: return "session_status";
    case CheckKind::kLinked: return "linked";
  }
  return "?";
}

// One line for the whole step: the checks' details, named when there are several.
std::string step_detail(const std::vector<Check>& checks) {
  std::string detail;
  for (const Check& check : checks) {
    std::string part = check.verdict == Verdict::kPending ? "not judged (the step had already failed)" : check.detail;
    if (checks.size() > 1) part = std::string(check_name(check.kind)) + ": " + part;
    detail += (detail.empty() ? "" : "; ") + part;
  }
  return detail;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

}  // namespace

ScriptChecker::ScriptChecker(runtime::Runtime& runtime, stack::Stack& stack, const fakes::GroundTruth& truth,
                             const std::vector<Script>& scripts, std::vector<fakes::ScriptedCustomer*> customers)
    : runtime_(runtime), stack_(stack), facts_(truth, stack.sessions(), scripts.size()) {
  MSGSIM_CHECK(scripts.size() == customers.size());
  for (std::size_t i = 0; i < scripts.size(); ++i) {
    ScriptRun run;
    run.script = &scripts[i];
    run.customer = customers[i];
    run.result.id = scripts[i].id;
    runs_.push_back(std::move(run));
    customers[i]->set_observer(this);
  }
  stack_.tracer().subscribe(this);
}

void ScriptChecker::start() {
  for (std::size_t i = 0; i < runs_.size(); ++i) schedule_step(static_cast<std::uint32_t>(i));
}

void ScriptChecker::schedule_step(std::uint32_t index) {
  ScriptRun& run = runs_[index];
  if (run.next >= run.script->steps.size()) return;
  const ScriptStep& step = run.script->steps[run.next];
  if (step.at) {
    run.scheduled = Time::at(*step.at);
  } else if (step.after) {
    run.scheduled = run.previous_scheduled + *step.after;
  } else {
    run.scheduled = run.previous_finished;
  }
  if (finished_) return;
  runtime_.schedule_at(std::max(run.scheduled, runtime_.now()), [this, index]() { run_step(index); });
}

void ScriptChecker::run_step(std::uint32_t index) {
  ScriptRun& run = runs_[index];
  const ScriptStep& step = run.script->steps[run.next];
  switch (step.action) {
    case StepAction::kSend: run_send(index, step); break;
    case StepAction::kClearDevice: run_clear_device(index, step); break;
    case StepAction::kVerify: run_verify(index, step); break;
    case StepAction::kDeleteConversation: run_delete_conversation(index, step); break;
    case StepAction::kBlock: run_block(index, step); break;
    case StepAction::kExpect: begin_expect(index); break;
  }
}

void ScriptChecker::run_send(std::uint32_t index, const ScriptStep& step) {
  ScriptRun& run = runs_[index];
  const stack::ChannelId channel = stack_.channels().find(step.channel);
  MSGSIM_CHECK(channel.valid());
  LastSend send;
  send.at = runtime_.now();
  send.inbox_size = run.customer->inbox().size();
  send.channel = channel;
  send.message = run.customer->send(channel, step.text);
  send.handle = *run.customer->handle_on(channel);
  run.send = send;
  complete_step(index, true,
                "sent " + quoted(step.text) + " on " + step.channel + " at " + time_text(send.at) + late_note(run, send.at));
}

void ScriptChecker::run_clear_device(std::uint32_t index, const ScriptStep& step) {
  ScriptRun& run = runs_[index];
  const stack::ChannelId channel = stack_.channels().find(step.channel);
  MSGSIM_CHECK(channel.valid());
  run.customer->clear_device(channel);
  complete_step(index, true,
                "cleared the browser on " + step.channel + " at " + time_text(runtime_.now()) +
                    "; the customer continues under a new web id" + late_note(run, runtime_.now()));
}

void ScriptChecker::run_verify(std::uint32_t index, const ScriptStep& step) {
  ScriptRun& run = runs_[index];
  const stack::ChannelId channel = stack_.channels().find(step.channel);
  MSGSIM_CHECK(channel.valid());
  const std::string subject = "script-" + run.script->id;
  run.customer->verify(channel, subject);
  complete_step(index, true,
                "logged in on " + step.channel + " as verified user " + subject + " at " + time_text(runtime_.now()) +
                    "; later messages there carry that subject" + late_note(run, runtime_.now()));
}

void ScriptChecker::run_delete_conversation(std::uint32_t index, const ScriptStep& step) {
  ScriptRun& run = runs_[index];
  const stack::ChannelId channel = stack_.channels().find(step.channel);
  MSGSIM_CHECK(channel.valid());
  const Time now = runtime_.now();
  if (!run.customer->delete_conversation(channel)) {
    complete_step(index, false,
                  "expected a conversation on " + step.channel + " to delete at " + time_text(now) +
                      ", but the customer never wrote there" + late_note(run, now));
    return;
  }
  complete_step(index, true,
                "deleted the conversation on " + step.channel + " at " + time_text(now) +
                    "; the business may not write until the customer writes again" + late_note(run, now));
}

void ScriptChecker::run_block(std::uint32_t index, const ScriptStep& step) {
  ScriptRun& run = runs_[index];
  const stack::ChannelId channel = stack_.channels().find(step.channel);
  MSGSIM_CHECK(channel.valid());
  const Time now = runtime_.now();
  if (!run.customer->block(channel)) {
    complete_step(index, false,
                  "expected an account on " + step.channel + " to block at " + time_text(now) +
                      ", but the customer never wrote there, so never added it" + late_note(run, now));
    return;
  }
  complete_step(index, true,
                "blocked the account on " + step.channel + " (unfollow) at " + time_text(now) +
                    "; pushes are refused until the customer writes there again" + late_note(run, now));
}

void ScriptChecker::begin_expect(std::uint32_t index) {
  ScriptRun& run = runs_[index];
  ActiveExpect active;
  active.context.start = runtime_.now();
  active.context.inbox_at_start = run.customer->inbox().size();
  active.context.send = run.send;
  active.checks = make_checks(run.script->steps[run.next].expect, active.context, stack_.channels());
  run.expect = std::move(active);
  judge_expect(index);
}

// Judges the pending checks of the running expect step; completes the step
// when one failed or all passed, else waits for the earliest deadline.
void ScriptChecker::judge_expect(std::uint32_t index) {
  ScriptRun& run = runs_[index];
  if (!run.expect) return;
  ActiveExpect& active = *run.expect;
  const StepExpectation& expect = run.script->steps[run.next].expect;
  const CheckView view = view_of(index);
  bool failed = false;
  Time next_deadline = Time::max();
  for (Check& check : active.checks) {
    if (check.verdict == Verdict::kPending) judge(check, expect, view, active.context, view.now >= check.deadline);
    if (check.verdict == Verdict::kFailed) failed = true;
    if (check.verdict == Verdict::kPending) next_deadline = std::min(next_deadline, check.deadline);
  }
  if (!failed && next_deadline != Time::max()) {
    arm_timer(index, next_deadline);
    return;
  }
  if (active.timer) runtime_.cancel(active.timer);
  const std::string detail = step_detail(active.checks) + late_note(run, active.context.start);
  run.expect.reset();
  complete_step(index, !failed, detail);
}

void ScriptChecker::arm_timer(std::uint32_t index, Time at) {
  ActiveExpect& active = *runs_[index].expect;
  if (active.timer && active.timer_at == at) return;
  if (active.timer) runtime_.cancel(active.timer);
  active.timer_at = at;
  active.timer = runtime_.schedule_at(at, [this, index]() {
    ScriptRun& run = runs_[index];
    if (!run.expect) return;
    run.expect->timer = runtime::EventId();
    run.expect->timer_at = Time::max();
    judge_expect(index);
  });
}

void ScriptChecker::complete_step(std::uint32_t index, bool passed, std::string detail) {
  ScriptRun& run = runs_[index];
  run.result.steps.push_back(ScriptStepResult{static_cast<int>(run.next + 1), passed, std::move(detail)});
  if (!passed) run.result.passed = false;
  run.previous_scheduled = run.scheduled;
  run.previous_finished = runtime_.now();
  ++run.next;
  schedule_step(index);
}

CheckView ScriptChecker::view_of(std::uint32_t index) {
  const ScriptRun& run = runs_[index];
  return CheckView{index, facts_, *run.customer, run.senders, stack_.channels(), stack_.router(),
                   stack_.users(), runtime_.now()};
}

std::string ScriptChecker::late_note(const ScriptRun& run, Time started) const {
  if (started <= run.scheduled) return "";
  return " (scheduled for " + time_text(run.scheduled) + "; started when the previous step finished)";
}

void ScriptChecker::on_trace(const stack::TraceEvent& event) {
  const std::optional<std::uint32_t> script = facts_.apply(event);
  if (script) judge_expect(*script);
}

void ScriptChecker::on_device_item(std::uint32_t script, std::size_t inbox_index) {
  ScriptRun& run = runs_[script];
  const fakes::DeviceItem& item = run.customer->inbox()[inbox_index];
  MSGSIM_CHECK(inbox_index == run.senders.size());
  run.senders.push_back(item.kind == fakes::DeviceItem::Kind::kMessage
                            ? facts_.take_sender(script, item.channel, item.handle, item.text)
                            : BusinessSender{});
  judge_expect(script);
}

// A check whose deadline lies beyond the run's end cannot be judged: it fails
// rather than passing on a window the run never covered.
void ScriptChecker::finish_open_expect(std::uint32_t index, Time end) {
  ScriptRun& run = runs_[index];
  ActiveExpect& active = *run.expect;
  const StepExpectation& expect = run.script->steps[run.next].expect;
  const CheckView view = view_of(index);
  bool failed = false;
  for (Check& check : active.checks) {
    if (check.verdict == Verdict::kPending) judge(check, expect, view, active.context, check.deadline <= end);
    if (check.verdict == Verdict::kPending) {
      check.verdict = Verdict::kFailed;
      check.detail = "still waiting when the run ended at " + time_text(end) + ", before its deadline " +
                     time_text(check.deadline);
    }
    if (check.verdict == Verdict::kFailed) failed = true;
  }
  const std::string detail = step_detail(active.checks) + late_note(run, active.context.start);
  run.expect.reset();
  complete_step(index, !failed, detail);
}

std::vector<ScriptResult> ScriptChecker::finish(Time end) {
  finished_ = true;
  std::vector<ScriptResult> results;
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    ScriptRun& run = runs_[i];
    if (run.expect) finish_open_expect(static_cast<std::uint32_t>(i), end);
    for (bool first = true; run.next < run.script->steps.size(); ++run.next, first = false) {
      std::string detail = "not reached: the run ended at " + time_text(end);
      if (first) detail += " (it was scheduled for " + time_text(run.scheduled) + ")";
      run.result.steps.push_back(ScriptStepResult{static_cast<int>(run.next + 1), false, std::move(detail)});
      run.result.passed = false;
    }
    results.push_back(run.result);
  }
  return results;
}

}  // namespace msgsim::harness
