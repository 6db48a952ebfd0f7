// LiveLatencyProbe: which routing decisions it samples, and that it measures
// them from intended wall instants. Synthetic trace events are published from
// events of a paced SimRuntime at a high speed factor.
#include "sim/harness/live_latency_probe.h"

#include <gtest/gtest.h>

#include "sim/runtime/live_runtime.h"

namespace msgsim::harness {
namespace {

using runtime::Duration;
using runtime::Time;
using stack::TraceKind;

struct Probed {
  boost::asio::io_context io;
  runtime::SimRuntime runtime{1};
  runtime::LivePacer pacer{io, runtime, runtime::LivePacerOptions{.speed = 1000.0}};
  LiveLatencyProbe probe{pacer};

  // Publishes `kind` for (session, work) at simulated second `at_s`.
  void at(double at_s, TraceKind kind, std::uint32_t session, std::uint32_t work = 0) {
    runtime.schedule_at(Time::at(Duration::from_seconds(at_s)), [this, kind, session, work] {
      stack::TraceEvent event(runtime.now(), kind);
      event.session = stack::SessionId(session);
      event.work = stack::WorkId(work);
      probe.on_trace(event);
    });
  }
};

// One sample per routing request answering a customer message, from the
// first such message to the first offer; at 1000x, two simulated seconds
// between them are at least two wall milliseconds.
TEST(LiveLatencyProbe, SamplesFromTheFirstMessageToTheFirstOffer) {
  Probed probed;
  probed.at(1.0, TraceKind::kInboundAccepted, 0);
  probed.at(1.5, TraceKind::kInboundAccepted, 0);  // still waiting: not a new start
  probed.at(1.5, TraceKind::kRoutingRequested, 0, 0);
  probed.at(3.0, TraceKind::kWorkOffered, 0, 0);
  probed.at(4.0, TraceKind::kWorkDeclined, 0, 0);
  probed.at(5.0, TraceKind::kWorkOffered, 0, 0);  // a re-offer: not sampled
  probed.pacer.run_until(Time::at(Duration::seconds(6)));
  ASSERT_EQ(probed.probe.latency().count(), 1u);
  EXPECT_GE(probed.probe.latency().min_ns(), 2'000'000);
  EXPECT_EQ(probed.probe.added().count(), 1u);
  EXPECT_GE(probed.probe.added().min_ns(), 0);
}

// Requests without a waiting customer message (a transfer in a routed
// session) are not sampled; after the request closes, a new message starts
// a new wait.
TEST(LiveLatencyProbe, SkipsTransfersAndRestartsAfterClose) {
  Probed probed;
  probed.at(1.0, TraceKind::kInboundAccepted, 3);
  probed.at(1.0, TraceKind::kRoutingRequested, 3, 0);
  probed.at(1.0, TraceKind::kWorkOffered, 3, 0);
  probed.at(2.0, TraceKind::kInboundAccepted, 3);  // during the conversation
  probed.at(3.0, TraceKind::kRoutingRequested, 3, 1);  // a transfer
  probed.at(3.0, TraceKind::kWorkOffered, 3, 1);
  probed.at(4.0, TraceKind::kWorkClosed, 3, 1);
  probed.at(5.0, TraceKind::kInboundAccepted, 3);  // reactivates the session
  probed.at(5.0, TraceKind::kRoutingRequested, 3, 2);
  probed.at(5.0, TraceKind::kWorkOffered, 3, 2);
  probed.at(5.0, TraceKind::kRoutingRequested, 7, 3);  // no message at all
  probed.at(5.0, TraceKind::kWorkOffered, 7, 3);
  probed.pacer.run_until(Time::at(Duration::seconds(6)));
  EXPECT_EQ(probed.probe.latency().count(), 2u);
  EXPECT_EQ(probed.probe.added().count(), 2u);
}

}  // namespace
}  // namespace msgsim::harness
