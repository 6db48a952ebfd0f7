#include "sim/harness/oracles/routing_oracle.h"

#include "sim/harness/oracles/latency_json.h"
#include "sim/runtime/check.h"

namespace msgsim::harness {

using stack::TraceKind;

RoutingOracle::RoutingOracle(std::vector<std::string> channel_names, std::vector<std::string> queue_names) {
  summary_.latency_by_channel.resize(channel_names.size());
  summary_.requests_by_channel.resize(channel_names.size(), 0);
  summary_.latency_by_queue.resize(queue_names.size());
  summary_.requests_by_queue.resize(queue_names.size(), 0);
  summary_.channel_names = std::move(channel_names);
  summary_.queue_names = std::move(queue_names);
}

void RoutingOracle::on_trace(const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kRoutingRequested: {
      if (requests_.size() <= event.work.value) requests_.resize(event.work.value + 1);
      requests_[event.work.value] = Request{event.at, event.at, false};
      ++summary_.requests;
      ++summary_.requests_by_channel[event.channel.value];
      ++summary_.requests_by_queue[event.queue.value];
      break;
    }
    case TraceKind::kWorkOffered: {
      Request& request = requests_[event.work.value];
      ++summary_.offers;
      if (!request.offered) {
        request.offered = true;
        request.first_offer_at = event.at;
        summary_.offer_latency.record((event.at - request.requested_at).ns());
      }
      break;
    }
    case TraceKind::kWorkAccepted: {
      const Request& request = requests_[event.work.value];
      MSGSIM_CHECK(request.offered);
      const std::int64_t latency_ns = (event.at - request.requested_at).ns();
      ++summary_.accepted;
      if (request.first_offer_at > request.requested_at) ++summary_.waited;
      summary_.latency.record(latency_ns);
      summary_.latency_by_channel[event.channel.value].record(latency_ns);
      summary_.latency_by_queue[event.queue.value].record(latency_ns);
      break;
    }
    case TraceKind::kWorkDeclined: ++summary_.declined; break;
    case TraceKind::kWorkPushTimeout: ++summary_.push_timeouts; break;
    case TraceKind::kWorkTransferred: ++summary_.transfers; break;
    case TraceKind::kOverflowed: ++summary_.overflowed; break;
    case TraceKind::kWorkCanceled:
      ++summary_.canceled;
      summary_.canceled_wait.record((event.at - requests_[event.work.value].requested_at).ns());
      break;
    case TraceKind::kSessionCreated:
      if (session_created_.size() <= event.session.value) {
        session_created_.resize(event.session.value + 1);
        session_replied_.resize(event.session.value + 1, 0);
      }
      session_created_[event.session.value] = event.at;
      break;
    case TraceKind::kOutboundSubmitted:
      if (event.agent && !session_replied_[event.session.value]) {
        session_replied_[event.session.value] = 1;
        summary_.first_reply.record((event.at - session_created_[event.session.value]).ns());
      }
      break;
    default: break;
  }
}

void RoutingSummary::merge(const RoutingSummary& other) {
  requests += other.requests;
  offers += other.offers;
  accepted += other.accepted;
  waited += other.waited;
  declined += other.declined;
  push_timeouts += other.push_timeouts;
  transfers += other.transfers;
  overflowed += other.overflowed;
  canceled += other.canceled;
  first_reply.merge(other.first_reply);
  canceled_wait.merge(other.canceled_wait);
  latency.merge(other.latency);
  offer_latency.merge(other.offer_latency);
  for (std::size_t i = 0; i < latency_by_channel.size(); ++i) {
    latency_by_channel[i].merge(other.latency_by_channel[i]);
    requests_by_channel[i] += other.requests_by_channel[i];
  }
  for (std::size_t i = 0; i < latency_by_queue.size(); ++i) {
    latency_by_queue[i].merge(other.latency_by_queue[i]);
    requests_by_queue[i] += other.requests_by_queue[i];
  }
}

nlohmann::ordered_json RoutingSummary::response_json() const {
  return {{"first_reply_s", latency_summary_json(first_reply)}};
}

nlohmann::ordered_json RoutingSummary::to_json() const {
  nlohmann::ordered_json out;
  out["requests"] = requests;
  out["offers"] = offers;
  out["accepted"] = accepted;
  out["declined"] = declined;
  out["push_timeouts"] = push_timeouts;
  out["transfers"] = transfers;
  out["overflowed"] = overflowed;
  out["canceled"] = canceled;
  out["canceled_wait_s"] = latency_summary_json(canceled_wait);
  out["wait_probability"] = ratio_or_zero(static_cast<double>(waited), static_cast<double>(accepted));
  out["latency_s"] = latency_summary_json(latency);
  out["offer_latency_s"] = latency_summary_json(offer_latency);
  nlohmann::ordered_json by_channel = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < channel_names.size(); ++i) {
    by_channel[channel_names[i]] = {{"latency_s", latency_summary_json(latency_by_channel[i])},
                                    {"requests", requests_by_channel[i]}};
  }
  out["by_channel"] = std::move(by_channel);
  nlohmann::ordered_json by_queue = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < queue_names.size(); ++i) {
    by_queue[queue_names[i]] = {{"latency_s", latency_summary_json(latency_by_queue[i])},
                                {"requests", requests_by_queue[i]}};
  }
  out["by_queue"] = std::move(by_queue);
  return out;
}

}  // namespace msgsim::harness
