// `msgsim serve` under the shipped fault storm on the wire
// (scenarios/wire-storm.json: duplicates, reordering, retries, outages,
// throttling and a fifth of webhooks first sent with a forged signature):
// over loopback HTTP the stack refuses every forged webhook (401, and the
// fake reads that answer), the provider's correctly signed copy lands, and
// nothing is lost or duplicated, and no status ends behind the provider's.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/live/serving_session.h"

namespace msgsim::live {
namespace {

using testing::ServingSession;

// About 40 simulated minutes at 1000x, through the first outage.
TEST(ServeFaultStorm, ForgedWebhooksAreRefusedAndNothingIsLost) {
  ServingSession serving;
  ServeOptions options;
  options.speed = 1000;
  options.agent_seat_group = "";
  ASSERT_TRUE(serving.start("scenarios/wire-storm.json", options));
  std::this_thread::sleep_for(std::chrono::milliseconds(2'500));
  serving.stop();
  const harness::RunOutcome outcome = serving.session().finish();
  const nlohmann::ordered_json report = serving.session().report(outcome);
  const auto& metrics = report["metrics"];

  const auto& wire = metrics["wire"];
  EXPECT_GT(wire["forged"].get<int>(), 20) << wire.dump();
  EXPECT_EQ(wire["forged_accepted"].get<int>(), 0) << wire.dump();
  const auto& messages = metrics["messages"];
  EXPECT_GT(messages["sent_by_customers"].get<int>(), 50) << messages.dump();
  EXPECT_EQ(messages["lost"].get<int>(), 0) << messages.dump();
  EXPECT_EQ(messages["transcript_duplicates"].get<int>(), 0) << messages.dump();
  EXPECT_EQ(messages["status_downgrades"].get<int>(), 0) << messages.dump();
  EXPECT_GT(messages["duplicates_absorbed"].get<int>(), 0) << messages.dump();

  int refused_401 = 0;
  for (const auto& [channel, figures] : report["host"]["loopback"]["channels"].items()) {
    refused_401 += figures["webhook_deliveries"]["401"].get<int>();
    EXPECT_EQ(figures["webhook_deliveries"]["failed"].get<int>(), 0) << channel << ": " << figures.dump();
  }
  EXPECT_EQ(refused_401, wire["forged"].get<int>()) << report["host"]["loopback"].dump();
}

}  // namespace
}  // namespace msgsim::live
