// The router's timers: push timeout of an offer, overflow of a waiting item
// to another queue, and dropping an item's additional skills.
#include "sim/runtime/check.h"
#include "sim/stack/routing/router.h"

namespace msgsim::stack {

void Router::start_push_timer(WorkId work) {
  WorkItem& item = work_[work.value];
  const runtime::Duration timeout = queues_[item.queue.value].settings.push_timeout;
  // Waiting for a required preferred agent has no push timeout.
  if (timeout <= runtime::Duration::zero() || item.preferred_required) return;
  item.push_timer = runtime_.schedule_after(timeout, [this, work]() { on_push_timeout(work); });
}

// The agent let the offer ring out: like a decline, plus the presence status
// configured for a push timeout.
void Router::on_push_timeout(WorkId work) {
  WorkItem& item = work_[work.value];
  item.push_timer = runtime::EventId();
  if (item.state != WorkState::kAssigned) return;
  const AgentId agent = item.agent;
  release(work, WorkState::kDeclinedOnPushTimeout);
  ++counters_.push_timeouts;
  remember_decline(work, agent);
  listener_.withdrawn(agent, work, WorkState::kDeclinedOnPushTimeout);
  const auto& status = agents_[agent.value].settings.presence.status_on_push_timeout;
  if (status) set_presence(agent, *status);
  requeue(work);
  dispatch_agent(agent);
}

void Router::start_queue_timers(WorkId work) {
  WorkItem& item = work_[work.value];
  const QueueSettings& queue = queues_[item.queue.value].settings;
  if (queue.overflow_queue && queue.overflow_after > runtime::Duration::zero()) {
    item.overflow_timer = runtime_.schedule_after(queue.overflow_after, [this, work]() { on_overflow(work); });
  }
  if (item.additional_skills != 0 && queue.drop_additional_skills_after > runtime::Duration::zero()) {
    item.skills_timer =
        runtime_.schedule_after(queue.drop_additional_skills_after, [this, work]() { on_drop_skills(work); });
  }
}

// Still waiting after the overflow delay: the item moves to the overflow
// queue, keeping its age; that queue's own timers start.
void Router::on_overflow(WorkId work) {
  WorkItem& item = work_[work.value];
  item.overflow_timer = runtime::EventId();
  if (item.state != WorkState::kPending) return;
  remove_pending(work);
  runtime_.cancel(item.skills_timer);
  item.skills_timer = runtime::EventId();
  item.queue = queues_[item.queue.value].settings.overflow_queue;
  ++counters_.overflows;
  publish(TraceKind::kOverflowed, work);
  start_queue_timers(work);
  enqueue(work, item.queue);
}

// After the drop timeout an item needs only its queue's skills and goes to
// the best match among more agents.
void Router::on_drop_skills(WorkId work) {
  WorkItem& item = work_[work.value];
  item.skills_timer = runtime::EventId();
  if (item.state != WorkState::kPending) return;
  remove_pending(work);
  item.additional_skills = 0;
  publish(TraceKind::kSkillsDropped, work);
  enqueue(work, item.queue);
}

void Router::stop_timers(WorkItem& item) {
  runtime_.cancel(item.overflow_timer);
  runtime_.cancel(item.skills_timer);
  item.overflow_timer = runtime::EventId();
  item.skills_timer = runtime::EventId();
}

}  // namespace msgsim::stack
