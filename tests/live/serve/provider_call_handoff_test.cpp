// The hand-off between the provider API server's thread and the simulation
// thread: every call is taken exactly once, by a waiting exchange or by the
// drain that `wake` schedules; a waiting exchange learns of its own answer
// and of its line closing; nothing waits past its deadline.
#include "sim/live/serve/provider_call_handoff.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace msgsim::live {
namespace {

using Clock = std::chrono::steady_clock;

ProviderCall call_to(std::string channel, std::uint16_t peer_port, std::vector<stack::HttpResponse>* answers) {
  ProviderCall call;
  call.channel = std::move(channel);
  call.peer_port = peer_port;
  call.answer = [answers](stack::HttpResponse answer) { answers->push_back(std::move(answer)); };
  return call;
}

// With no exchange waiting, the first call wakes the simulation thread and
// later ones ride on the same wake until it drains them.
TEST(ProviderCallHandOff, CallsWhileIdleWakeTheSimulationOnce) {
  int wakes = 0;
  ProviderCallHandOff hand_off([&wakes] { ++wakes; });
  std::vector<stack::HttpResponse> answers;
  hand_off.submit(call_to("sms-us", 40001, &answers));
  hand_off.submit(call_to("sms-us", 40002, &answers));
  EXPECT_EQ(wakes, 1);
  const std::vector<ProviderCall> taken = hand_off.take_all();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].peer_port, 40001);
  EXPECT_FALSE(taken[0].from_stack);
  hand_off.submit(call_to("sms-us", 40003, &answers));
  EXPECT_EQ(wakes, 2);
}

// A waiting exchange takes the calls itself (no wake), learns that its
// answer was written, and a call left after it stops waiting is woken for.
TEST(ProviderCallHandOff, AWaitingExchangeTakesCallsAndLeftoversAreWokenFor) {
  int wakes = 0;
  ProviderCallHandOff hand_off([&wakes] { ++wakes; });
  std::vector<stack::HttpResponse> answers;
  hand_off.open_line(50000);
  hand_off.begin_exchange(50000);
  hand_off.submit(call_to("wa-main", 50000, &answers));
  EXPECT_EQ(wakes, 0);
  std::optional<ProviderCall> call;
  EXPECT_EQ(hand_off.wait(50000, Clock::now() + std::chrono::seconds(5), call), LineEvent::kCall);
  ASSERT_TRUE(call.has_value());
  EXPECT_TRUE(call->from_stack);
  EXPECT_EQ(call->channel, "wa-main");

  // The answer is written while an outside call is queued: the answer wins,
  // and the outside call is woken for when the exchange ends.
  hand_off.submit(call_to("wa-main", 61000, &answers));
  hand_off.answer_written(50000);
  call.reset();
  EXPECT_EQ(hand_off.wait(50000, Clock::now() + std::chrono::seconds(5), call), LineEvent::kAnswerWritten);
  EXPECT_EQ(wakes, 0);
  hand_off.end_exchange(50000);
  EXPECT_EQ(wakes, 1);
  EXPECT_EQ(hand_off.take_all().size(), 1u);
}

// An answer or a close reported from the server's thread wakes a waiter
// blocked on the condition variable.
TEST(ProviderCallHandOff, EventsFromAnotherThreadWakeTheWaiter) {
  ProviderCallHandOff hand_off([] {});
  hand_off.open_line(50001);
  hand_off.begin_exchange(50001);
  std::thread server([&hand_off] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    hand_off.connection_closed(50001);
  });
  std::optional<ProviderCall> call;
  const auto started = Clock::now();
  EXPECT_EQ(hand_off.wait(50001, started + std::chrono::seconds(5), call), LineEvent::kLineClosed);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
  server.join();
  hand_off.end_exchange(50001);
  EXPECT_TRUE(hand_off.line_closed(50001));
  hand_off.close_line(50001);
}

// Nothing arriving means kTimedOut at the deadline, not a hang.
TEST(ProviderCallHandOff, AWaitWithNothingArrivingTimesOut) {
  ProviderCallHandOff hand_off([] {});
  hand_off.open_line(50002);
  hand_off.begin_exchange(50002);
  std::optional<ProviderCall> call;
  const auto started = Clock::now();
  EXPECT_EQ(hand_off.wait(50002, started + std::chrono::milliseconds(50), call), LineEvent::kTimedOut);
  const auto waited = Clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(50));
  EXPECT_LT(waited, std::chrono::seconds(2));
  hand_off.end_exchange(50002);
}

// Closing answers what is queued with 503 and every later call at once.
TEST(ProviderCallHandOff, ClosingAnswersQueuedAndLaterCalls503) {
  ProviderCallHandOff hand_off([] {});
  std::vector<stack::HttpResponse> answers;
  hand_off.submit(call_to("sms-us", 40010, &answers));
  hand_off.close();
  hand_off.submit(call_to("sms-us", 40011, &answers));
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].status, 503);
  EXPECT_EQ(answers[1].status, 503);
  EXPECT_EQ(hand_off.queued(), 0u);
  EXPECT_TRUE(hand_off.closed());
}

}  // namespace
}  // namespace msgsim::live
