#include "sim/harness/script_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/runtime/check.h"

namespace msgsim::harness {

using fakes::DeviceItem;
using runtime::Duration;
using runtime::Time;

std::string time_text(Time at) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "t=%.1f s", at.to_seconds());
  return buffer;
}

std::string duration_text(Duration length) {
  char buffer[48];
  const double seconds = length.to_seconds();
  // Windows from the file are usually whole seconds: "300 s", not "300.0 s".
  if (seconds == std::floor(seconds)) {
    std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  }
  return buffer;
}

namespace {

constexpr std::size_t kQuotedTextMax = 60;

// A measured span ("42.0 s"): always one decimal, unlike a window from the file.
std::string elapsed_text(Duration length) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.1f s", length.to_seconds());
  return buffer;
}

std::string quoted(const std::string& text) {
  if (text.size() <= kQuotedTextMax) return "\"" + text + "\"";
  return "\"" + text.substr(0, kQuotedTextMax) + "...\"";
}

std::string channel_name(const CheckView& view, stack::ChannelId channel) {
  return view.channels.settings(channel).id;
}

std::string agent_name(const CheckView& view, stack::AgentId agent) { return view.router.agent(agent).id; }

std::string after_anchor(Time at, Time anchor) {
  return "after " + elapsed_text(at - anchor) + " (" + time_text(at) + ")";
}

void pass(Check& check, std::string detail) {
  check.verdict = Verdict::kPassed;
  check.detail = std::move(detail);
}

void fail(Check& check, std::string detail) {
  check.verdict = Verdict::kFailed;
  check.detail = std::move(detail);
}

// A message the customer saw on their current handle.
bool seen_message(const DeviceItem& item) { return item.kind == DeviceItem::Kind::kMessage && item.current; }

void judge_routed(Check& check, const CheckView& view, const StepContext& context, bool final) {
  if (!context.send) {
    fail(check, "expected routing within " + duration_text(check.window) +
                    " of the previous send; the script sent nothing before this step");
    return;
  }
  const LastSend& send = *context.send;
  const ScriptSessionFacts* session = view.facts.session_of_message(send.message);
  if (session != nullptr && session->first_accepted_at && *session->first_accepted_at <= check.deadline) {
    const Time accepted = *session->first_accepted_at;
    if (accepted >= send.at) {
      pass(check, "routed to " + agent_name(view, session->agent) + " after " + elapsed_text(accepted - send.at) +
                      " (sent " + time_text(send.at) + ", accepted " + time_text(accepted) + ")");
    } else {
      pass(check, "routed before the send at " + time_text(send.at) + ": the session was with " +
                      agent_name(view, session->agent) + " since " + time_text(accepted));
    }
    return;
  }
  if (!final) return;
  std::string happened;
  if (session == nullptr) {
    happened = "the message had not reached a session by " + time_text(view.now);
  } else if (session->first_accepted_at) {
    happened = "an agent accepted only at " + time_text(*session->first_accepted_at);
  } else {
    happened = std::string("no agent had accepted its session (") + stack::session_status_name(session->status) +
               ") by " + time_text(view.now);
  }
  fail(check, "expected routing within " + duration_text(check.window) + " of the send at " + time_text(send.at) +
                  "; " + happened);
}

void judge_reply(Check& check, const CheckView& view, const StepContext& context, bool final) {
  const Time anchor = context.anchor();
  const std::vector<DeviceItem>& inbox = view.customer.inbox();
  int automated = 0;
  for (std::size_t i = context.anchor_inbox(); i < inbox.size(); ++i) {
    const DeviceItem& item = inbox[i];
    if (!seen_message(item) || item.at > check.deadline) continue;
    if (context.send && item.channel != context.send->channel) continue;
    const BusinessSender& sender = view.senders[i];
    if (sender.known && sender.agent) {
      pass(check, "reply from " + agent_name(view, sender.agent) + " " + after_anchor(item.at, anchor));
      return;
    }
    ++automated;
  }
  if (!final) return;
  std::string detail = "expected an agent reply within " + duration_text(check.window) + " of " +
                       (context.send ? "the send at " : "the step's start at ") + time_text(anchor) +
                       "; none arrived by " + time_text(view.now);
  if (automated > 0) detail += " (" + std::to_string(automated) + " automated message(s) did)";
  fail(check, detail);
}

void judge_received(Check& check, const ReceivedExpectation& expected, const CheckView& view,
                    const StepContext& context, bool final) {
  const Time anchor = context.anchor();
  const std::vector<DeviceItem>& inbox = view.customer.inbox();
  const DeviceItem* other = nullptr;
  int others = 0;
  for (std::size_t i = context.anchor_inbox(); i < inbox.size(); ++i) {
    const DeviceItem& item = inbox[i];
    if (!seen_message(item) || item.channel != check.channel || item.at > check.deadline) continue;
    if (std::regex_search(item.text, *check.pattern)) {
      pass(check, "received " + quoted(item.text) + " on " + channel_name(view, item.channel) + " " +
                      after_anchor(item.at, anchor));
      return;
    }
    other = &item;
    ++others;
  }
  if (!final) return;
  std::string detail = "expected a message on " + expected.channel + " matching " + quoted(expected.matching) +
                       " within " + duration_text(check.window) + " of " + time_text(anchor) + "; none by " +
                       time_text(view.now);
  if (other != nullptr) {
    detail += " (" + std::to_string(others) + " other message(s), the last " + quoted(other->text) + " at " +
              time_text(other->at) + ")";
  }
  fail(check, detail);
}

void judge_no_outbound(Check& check, const NoOutboundExpectation& expected, const CheckView& view,
                       const StepContext& context, bool final) {
  const std::vector<DeviceItem>& inbox = view.customer.inbox();
  for (std::size_t i = context.inbox_at_start; i < inbox.size(); ++i) {
    const DeviceItem& item = inbox[i];
    if (item.kind != DeviceItem::Kind::kMessage || item.channel != check.channel || item.at > check.deadline) {
      continue;
    }
    fail(check, "expected nothing delivered on " + expected.channel + " for " + duration_text(check.window) +
                    " from " + time_text(context.start) + "; " + quoted(item.text) + " arrived at " +
                    time_text(item.at));
    return;
  }
  if (final) {
    pass(check, "nothing delivered on " + expected.channel + " from " + time_text(context.start) + " to " +
                    time_text(check.deadline));
  }
}

void judge_same_agent(Check& check, bool want_same, const CheckView& view, bool final) {
  const std::vector<ScriptSessionFacts>& sessions = view.facts.sessions(view.script);
  const ScriptSessionFacts* latest = sessions.empty() ? nullptr : &sessions.back();
  const ScriptSessionFacts* previous = nullptr;
  for (std::size_t i = sessions.size(); i-- > 1;) {
    if (sessions[i - 1].agent) {
      previous = &sessions[i - 1];
      break;
    }
  }
  const std::string expected = std::string("expected ") + (want_same ? "the same agent" : "a different agent") +
                               " as before within " + duration_text(check.window);
  if (latest != nullptr && latest->agent && previous != nullptr) {
    const bool same = latest->agent == previous->agent;
    const std::string facts = "the session created at " + time_text(previous->created_at) + " had " +
                              agent_name(view, previous->agent) + ", the latest (created at " +
                              time_text(latest->created_at) + ") has " + agent_name(view, latest->agent);
    if (same == want_same) {
      pass(check, std::string(same ? "same agent: " : "different agents: ") + facts);
    } else if (final) {
      fail(check, expected + "; " + facts);
    }
    return;
  }
  if (!final) return;
  if (latest == nullptr || previous == nullptr) {
    fail(check, expected + "; by " + time_text(view.now) + " the customer had " + std::to_string(sessions.size()) +
                    " session(s), no earlier one accepted by an agent");
  } else {
    fail(check, expected + "; the latest session (created at " + time_text(latest->created_at) +
                    ") had no agent by " + time_text(view.now));
  }
}

void judge_session_status(Check& check, const SessionStatusExpectation& expected, const CheckView& view) {
  std::string in;
  for (const std::string& name : expected.in) in += (in.empty() ? "" : " or ") + name;
  const std::string want = "expected the session on " + expected.channel + " to be " + in + " at " +
                           time_text(view.now) + "; ";
  const std::optional<stack::CustomerHandle> handle = view.customer.handle_on(check.channel);
  const stack::MessagingUserId user =
      handle ? view.facts.user_of(view.script, check.channel, *handle) : stack::MessagingUserId();
  const ScriptSessionFacts* session = user ? view.facts.latest_session_of(view.script, user) : nullptr;
  if (session == nullptr) {
    fail(check, want + "the customer has no session there" + (handle ? "" : " (never wrote on it)"));
    return;
  }
  const std::string status = stack::session_status_name(session->status);
  const std::string facts = "the session on " + expected.channel + " is " + status + " since " +
                            time_text(session->status_at);
  if (std::find(expected.in.begin(), expected.in.end(), status) != expected.in.end()) {
    pass(check, facts);
  } else {
    fail(check, want + "it is " + status + " since " + time_text(session->status_at));
  }
}

// The contact of the customer's current messaging user on `channel`, or a
// reason why there is none.
stack::ContactId contact_on(const CheckView& view, const std::string& name, std::string& why) {
  const stack::ChannelId channel = view.channels.find(name);
  const std::optional<stack::CustomerHandle> handle = view.customer.handle_on(channel);
  const stack::MessagingUserId user =
      handle ? view.facts.user_of(view.script, channel, *handle) : stack::MessagingUserId();
  if (!user) {
    why = "the customer has no messaging user on " + name;
    return stack::ContactId();
  }
  const stack::ContactId contact = view.users.get(user).contact;
  if (!contact) why = "the messaging user on " + name + " has no contact";
  return contact;
}

void judge_linked(Check& check, const std::vector<std::string>& channels, const CheckView& view, bool final) {
  std::string why;
  stack::ContactId first;
  std::string names;
  for (const std::string& name : channels) {
    names += (names.empty() ? "" : ", ") + name;
    const stack::ContactId contact = contact_on(view, name, why);
    if (!contact) break;
    if (!first) first = contact;
    if (contact != first) {
      why = "the users on " + channels.front() + " and " + name + " belong to different contacts";
      break;
    }
  }
  if (why.empty()) {
    pass(check, "the users on " + names + " share contact " + std::to_string(first.value) + " at " +
                    time_text(view.now));
  } else if (final) {
    fail(check, "expected the users on " + names + " linked within " + duration_text(check.window) + "; " + why +
                    " at " + time_text(view.now));
  }
}

Check make_check(CheckKind kind, Time deadline, Duration window) {
  Check check;
  check.kind = kind;
  check.deadline = deadline;
  check.window = window;
  return check;
}

std::shared_ptr<const std::regex> compile(const std::string& pattern) {
  const bool ignore_case = pattern.starts_with("(?i)");
  const auto flags = ignore_case ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript;
  return std::make_shared<const std::regex>(pattern.substr(ignore_case ? 4 : 0), flags);
}

}  // namespace

std::vector<Check> make_checks(const StepExpectation& expect, const StepContext& context,
                               const stack::ChannelRegistry& channels) {
  std::vector<Check> checks;
  const Time anchor = context.anchor();
  if (expect.routed_within) {
    checks.push_back(make_check(CheckKind::kRoutedWithin, anchor + *expect.routed_within, *expect.routed_within));
  }
  if (expect.reply_within) {
    checks.push_back(make_check(CheckKind::kReplyWithin, anchor + *expect.reply_within, *expect.reply_within));
  }
  if (expect.received) {
    Check check = make_check(CheckKind::kReceived, anchor + expect.received->within, expect.received->within);
    check.channel = channels.find(expect.received->channel);
    check.pattern = compile(expect.received->matching);
    checks.push_back(std::move(check));
  }
  if (expect.no_outbound) {
    const Duration length = expect.no_outbound->length;
    Check check = make_check(CheckKind::kNoOutbound, context.start + length, length);
    check.channel = channels.find(expect.no_outbound->channel);
    checks.push_back(std::move(check));
  }
  if (expect.same_agent) {
    const Duration within = expect.within.value_or(Duration::zero());
    checks.push_back(make_check(CheckKind::kSameAgent, context.start + within, within));
  }
  if (!expect.linked.empty()) {
    const Duration within = expect.within.value_or(Duration::zero());
    checks.push_back(make_check(CheckKind::kLinked, context.start + within, within));
  }
  if (expect.session_status) {
    Check check = make_check(CheckKind::kSessionStatus, context.start, Duration::zero());
    check.channel = channels.find(expect.session_status->channel);
    checks.push_back(std::move(check));
  }
  for (const Check& check : checks) {
    MSGSIM_CHECK_MSG(check.kind == CheckKind::kRoutedWithin || check.kind == CheckKind::kReplyWithin ||
                         check.kind == CheckKind::kSameAgent || check.kind == CheckKind::kLinked ||
                         check.channel.valid(),
                     "a script check names a channel the stack does not have");
  }
  return checks;
}

void judge(Check& check, const StepExpectation& expect, const CheckView& view, const StepContext& context,
           bool final) {
  switch (check.kind) {
    case CheckKind::kRoutedWithin: judge_routed(check, view, context, final); break;
    case CheckKind::kReplyWithin: judge_reply(check, view, context, final); break;
    case CheckKind::kReceived: judge_received(check, *expect.received, view, context, final); break;
    case CheckKind::kNoOutbound: judge_no_outbound(check, *expect.no_outbound, view, context, final); break;
    case CheckKind::kSameAgent: judge_same_agent(check, *expect.same_agent, view, final); break;
    case CheckKind::kSessionStatus: judge_session_status(check, *expect.session_status, view); break;
    case CheckKind::kLinked: judge_linked(check, expect.linked, view, final); break;
  }
}

}  // namespace msgsim::harness
