// The checks of one `expect` step of a script, and how each is judged from
// the scripted customer's device inbox and the trace facts. A check passes as
// soon as its condition holds and fails when its deadline comes without it
// (`no_outbound` is the mirror image: it fails at the first delivery and
// passes when its window closes). Times are measured from an anchor:
//
//   routed_within D   the session that the script's previous send landed in
//                     was accepted by an agent at a time <= send + D. An
//                     acceptance before the send counts (the message went to a
//                     session already with an agent). Deadline: send + D.
//   reply_within D    a business message sent by an agent (not automation)
//                     reached the customer's current handle on the channel of
//                     the previous send at a time in [send, send + D].
//   received          a message on `channel`, to the current handle, matching
//                     `matching` anywhere (std::regex_search, ECMAScript;
//                     "(?i)" prefix = ignore case) arrived in
//                     [send, send + within].
//   no_outbound       nothing at all was delivered to the customer on
//                     `channel` (any handle, a wiped one included) in
//                     [step start, step start + for].
//   same_agent B      the customer's latest session (any channel) was
//                     accepted, and its agent is (B = true) or is not
//                     (B = false) the agent of the most recent earlier session
//                     that an agent accepted. Deadline: step start + `within`
//                     (0 when absent: judged at the step's start).
//   session_status    the customer's latest session on `channel`, under the
//                     current handle, has one of the statuses `in` at the
//                     step's start (judged once, then).
//   linked            the customer's messaging users on every listed channel
//                     (their current handles) belong to one contact.
//                     Deadline: step start + `within` (0 when absent).
//
// "send" is the script's latest `send` step before this one; a step with no
// send before it measures `received` and `reply_within` from its own start,
// and fails `routed_within` at once. Messages to a handle the customer no
// longer has (after `clear_device`) were never seen by them and count only for
// `no_outbound`. Single-threaded; plain functions over the inputs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "fakes/customers/scripted_customer.h"
#include "sim/harness/scenario.h"
#include "sim/harness/script_facts.h"
#include "sim/stack/channels/channel_registry.h"
#include "sim/stack/routing/router.h"
#include "sim/stack/users/messaging_users.h"

namespace msgsim::harness {

enum class Verdict : std::uint8_t { kPending, kPassed, kFailed };
enum class CheckKind : std::uint8_t { kRoutedWithin, kReplyWithin, kReceived, kNoOutbound, kSameAgent, kSessionStatus,
                                       kLinked };

// The script's latest send before a step.
struct LastSend {
  runtime::Time at;
  std::size_t inbox_size = 0;  // the device inbox's size when it was sent
  stack::ChannelId channel;
  stack::CustomerHandle handle;
  std::uint64_t message = 0;  // ground-truth / provider message id
};

struct StepContext {
  runtime::Time start;
  std::size_t inbox_at_start = 0;
  std::optional<LastSend> send;

  runtime::Time anchor() const { return send ? send->at : start; }
  std::size_t anchor_inbox() const { return send ? send->inbox_size : inbox_at_start; }
};

struct Check {
  CheckKind kind = CheckKind::kRoutedWithin;
  runtime::Time deadline;
  runtime::Duration window;  // as written in the file
  stack::ChannelId channel;  // received, no_outbound, session_status
  std::shared_ptr<const std::regex> pattern;  // received
  Verdict verdict = Verdict::kPending;
  std::string detail;
};

// What judging reads. `senders` holds, per inbox item, who sent it.
struct CheckView {
  std::uint32_t script = 0;
  const ScriptFacts& facts;
  const fakes::ScriptedCustomer& customer;
  const std::vector<BusinessSender>& senders;
  const stack::ChannelRegistry& channels;
  const stack::Router& router;
  const stack::MessagingUsers& users;
  runtime::Time now;
};

// The checks `expect` asks for, with their deadlines. REQUIRES: channel ids
// exist (the loader checked them).
std::vector<Check> make_checks(const StepExpectation& expect, const StepContext& context,
                               const stack::ChannelRegistry& channels);

// Judges a pending `check` now and sets its verdict and detail; `final` means
// its deadline has come, so a condition that does not hold fails.
void judge(Check& check, const StepExpectation& expect, const CheckView& view, const StepContext& context, bool final);

// "t=60.0 s" and "42.0 s": simulated times and durations as details show them.
std::string time_text(runtime::Time at);
std::string duration_text(runtime::Duration length);

}  // namespace msgsim::harness
