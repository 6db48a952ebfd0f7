#include "sim/stack/notifications.h"

#include "sim/stack/stack.h"

namespace msgsim::stack {

// Triggered sessions end as soon as their message is submitted, so "in
// flight" means sent at the same instant: the limit applies per instant, and
// the rest wait for the next retry.
void Notifications::trigger(NotificationRequest request) {
  ++counts_.requested;
  waiting_.push_back(std::move(request));
  send_batch();
}

void Notifications::send_batch() {
  if (runtime_.now() != instant_) {
    instant_ = runtime_.now();
    sent_this_instant_ = 0;
  }
  while (!waiting_.empty() && sent_this_instant_ < kConcurrentMax) {
    const NotificationRequest request = std::move(waiting_.front());
    waiting_.pop_front();
    if (counted_waiting_ > 0) --counted_waiting_;
    ++sent_this_instant_;
    send_one(request);
  }
  counts_.deferred += waiting_.size() - counted_waiting_;
  counted_waiting_ = waiting_.size();
  if (!waiting_.empty() && !retry_scheduled_) {
    retry_scheduled_ = true;
    runtime_.schedule_after(kRetryEvery, [this]() {
      retry_scheduled_ = false;
      send_batch();
    });
  }
}

void Notifications::send_one(const NotificationRequest& request) {
  const MessagingUsers::Found found = stack_.users().find_or_create(request.channel, request.customer);
  const SessionId open = stack_.open_session(found.id);
  if (open) {
    const SessionStatus status = stack_.sessions().get(open).status;
    const bool skip = request.allow_existing == AllowExisting::kClosed ||
                      (request.allow_existing == AllowExisting::kNonActive && status == SessionStatus::kActive);
    if (skip) {
      ++counts_.skipped_existing_session;
      return;
    }
  }
  const runtime::Time now = runtime_.now();
  const SessionId session = stack_.sessions().create(found.id, request.channel, SessionOrigin::kTriggeredOutbound,
                                                     SessionStatus::kConsent, now);
  runtime::Result<OutboundId> sent = stack_.outbound().send(session, AgentId(), request.text, request.options);
  if (sent.is_ok()) {
    ++counts_.sent;
  } else {
    ++counts_.refused;
  }
  stack_.sessions().set_status(session, SessionStatus::kEnded, now, EndedBy::kSystem);
}

}  // namespace msgsim::stack
