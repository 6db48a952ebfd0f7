#include "sim/live/serve/provider_call_handoff.h"

#include <iterator>
#include <utility>

namespace msgsim::live {

stack::HttpResponse provider_api_closed_answer() {
  return stack::HttpResponse{503, "text/plain; charset=utf-8", "the provider API is shutting down\n"};
}

ProviderCallHandOff::ProviderCallHandOff(std::function<void()> wake) : wake_(std::move(wake)) {}

bool ProviderCallHandOff::claim_wake_locked() {
  if (wake_pending_ || queue_.empty()) return false;
  wake_pending_ = true;
  return true;
}

void ProviderCallHandOff::submit(ProviderCall call) {
  bool wake = false;
  {
    std::unique_lock lock(mutex_);
    if (closed_) {
      lock.unlock();
      call.answer(provider_api_closed_answer());
      return;
    }
    call.from_stack = lines_.contains(call.peer_port);
    queue_.push_back(std::move(call));
    if (exchanges_waiting_ > 0) {
      changed_.notify_all();
    } else {
      wake = claim_wake_locked();
    }
  }
  if (wake) wake_();
}

void ProviderCallHandOff::answer_written(std::uint16_t peer_port) {
  std::lock_guard lock(mutex_);
  const auto line = lines_.find(peer_port);
  if (line == lines_.end()) return;  // an outside caller's connection
  line->second.answered = true;
  changed_.notify_all();
}

void ProviderCallHandOff::connection_closed(std::uint16_t peer_port) {
  std::lock_guard lock(mutex_);
  const auto line = lines_.find(peer_port);
  if (line == lines_.end()) return;
  line->second.closed = true;
  changed_.notify_all();
}

void ProviderCallHandOff::open_line(std::uint16_t port) {
  std::lock_guard lock(mutex_);
  lines_[port] = Line{};
}

void ProviderCallHandOff::close_line(std::uint16_t port) {
  end_exchange(port);
  std::lock_guard lock(mutex_);
  lines_.erase(port);
}

bool ProviderCallHandOff::line_closed(std::uint16_t port) const {
  std::lock_guard lock(mutex_);
  const auto line = lines_.find(port);
  return line == lines_.end() || line->second.closed;
}

void ProviderCallHandOff::begin_exchange(std::uint16_t port) {
  std::lock_guard lock(mutex_);
  Line& line = lines_.at(port);
  line.waiting = true;
  line.answered = false;
  ++exchanges_waiting_;
}

// The exchange's own answer comes before queued calls, so a stream of
// outside calls cannot hold it; calls it leaves are drained through `wake`
// by end_exchange().
LineEvent ProviderCallHandOff::wait(std::uint16_t port, Clock::time_point deadline,
                                    std::optional<ProviderCall>& call) {
  std::unique_lock lock(mutex_);
  while (true) {
    const auto line = lines_.find(port);
    if (line == lines_.end()) return LineEvent::kLineClosed;
    if (line->second.answered) return LineEvent::kAnswerWritten;
    if (line->second.closed) return LineEvent::kLineClosed;
    if (Clock::now() >= deadline) return LineEvent::kTimedOut;
    if (!queue_.empty()) {
      call.emplace(std::move(queue_.front()));
      queue_.pop_front();
      return LineEvent::kCall;
    }
    changed_.wait_until(lock, deadline);
  }
}

void ProviderCallHandOff::end_exchange(std::uint16_t port) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    const auto line = lines_.find(port);
    if (line != lines_.end() && line->second.waiting) {
      line->second.waiting = false;
      --exchanges_waiting_;
    }
    if (exchanges_waiting_ == 0) wake = claim_wake_locked();
  }
  if (wake) wake_();
}

std::vector<ProviderCall> ProviderCallHandOff::take_all() {
  std::lock_guard lock(mutex_);
  wake_pending_ = false;
  std::vector<ProviderCall> calls(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
  queue_.clear();
  return calls;
}

void ProviderCallHandOff::close() {
  std::deque<ProviderCall> refused;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    refused.swap(queue_);
    changed_.notify_all();
  }
  for (ProviderCall& call : refused) call.answer(provider_api_closed_answer());
}

bool ProviderCallHandOff::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::size_t ProviderCallHandOff::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace msgsim::live
