// Triggered outbound messages (the platform's messaging notifications): an
// external trigger asks the stack to send a template message to a customer on
// a channel. Each becomes its own session (origin TriggeredOutbound), ended at
// once, and passes the same consent gate and channel rules as every business
// message. allow_existing_session decides whether a customer in a session is
// skipped. At most kConcurrentMax triggered sessions are in flight per org:
// above that they wait and are retried every kRetryEvery. Owned by the Stack.
#pragma once

#include <deque>
#include <string>

#include "sim/runtime/runtime.h"
#include "sim/runtime/status.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

class Stack;

enum class AllowExisting : std::uint8_t { kAny, kClosed, kNonActive };

struct NotificationRequest {
  ChannelId channel;
  CustomerHandle customer;
  std::string text;
  OutboundOptions options;  // template name and category
  AllowExisting allow_existing = AllowExisting::kAny;
};

// How triggered messages fared, for the harness's report.
struct NotificationCounts {
  std::uint64_t requested = 0;
  std::uint64_t sent = 0;
  std::uint64_t skipped_existing_session = 0;
  std::uint64_t refused = 0;  // consent or channel rules
  std::uint64_t deferred = 0;  // waited for the concurrency limit
};

class Notifications {
 public:
  static constexpr std::size_t kConcurrentMax = 4000;
  static constexpr runtime::Duration kRetryEvery = runtime::Duration::minutes(10);

  Notifications(runtime::Runtime& runtime, Stack& stack) : runtime_(runtime), stack_(stack) {}

  // Queues a triggered message; it is sent now when under the limit.
  void trigger(NotificationRequest request);
  const NotificationCounts& counts() const { return counts_; }

 private:
  void send_batch();
  void send_one(const NotificationRequest& request);

  runtime::Runtime& runtime_;
  Stack& stack_;
  std::deque<NotificationRequest> waiting_;
  std::size_t counted_waiting_ = 0;  // how many of waiting_ (from the front) were counted as deferred
  std::size_t sent_this_instant_ = 0;
  runtime::Time instant_;
  bool retry_scheduled_ = false;
  NotificationCounts counts_;
};

}  // namespace msgsim::stack
