// `msgsim serve` runs a BYOC for CCaaS channel whose partner owns routing
// and consent: the fake partner's route, agentWork and consent calls cross
// loopback HTTP to the channel's webhook URL and their answers come back to
// it later, the platform's routing events reach the partner's own endpoint
// on the providers' server, and the conversations it places are routed and
// answered with nothing lost and no forged or unreadable call accepted.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/live/serving_session.h"

namespace msgsim::live {
namespace {

using nlohmann::json;
using testing::ServingSession;

// About 40 simulated minutes at 1000x: dozens of partner-routed
// conversations, some opting out with the partner.
TEST(ServePartner, APartnerRoutesAndTakesConsentOverLoopback) {
  ServingSession serving;
  ServeOptions options;
  options.speed = 1000;
  options.agent_seat_group = "";
  ASSERT_TRUE(serving.start("scenarios/byoc-ccaas-partner.json", options));
  std::this_thread::sleep_for(std::chrono::milliseconds(2'500));
  serving.stop();
  const harness::RunOutcome outcome = serving.session().finish();
  const nlohmann::ordered_json report = serving.session().report(outcome);
  const auto& metrics = report["metrics"];

  const auto& partner = metrics["partner"]["ccaas"];
  EXPECT_GT(partner["routes"].get<int>(), 10) << partner.dump();
  EXPECT_GT(partner["assignments"].get<int>(), 10) << partner.dump();
  EXPECT_GT(partner["consent_updates"].get<int>(), 0) << partner.dump();
  const auto& wire = metrics["wire"];
  EXPECT_GT(wire["partner_calls"].get<int>(), partner["routes"].get<int>()) << wire.dump();
  EXPECT_GT(wire["partner_events"].get<int>(), 0) << wire.dump();
  EXPECT_EQ(wire["partner_calls_refused"].get<int>(), 0) << wire.dump();
  EXPECT_EQ(wire["forged_accepted"].get<int>(), 0) << wire.dump();
  EXPECT_EQ(metrics["messages"]["lost"].get<int>(), 0) << metrics["messages"].dump();
  EXPECT_EQ(metrics["messages"]["transcript_duplicates"].get<int>(), 0);
  EXPECT_EQ(metrics["consent"]["violations"].get<int>(), 0) << metrics["consent"].dump();
  EXPECT_GT(metrics["routing"]["by_channel"]["ccaas"]["requests"].get<int>(), 10) << metrics["routing"].dump();

  const auto& ccaas = report["host"]["loopback"]["channels"]["ccaas"];
  EXPECT_GT(ccaas["webhook_deliveries"]["2xx"].get<int>(), 0) << ccaas.dump();
  EXPECT_EQ(ccaas["webhook_deliveries"]["failed"].get<int>(), 0) << ccaas.dump();
  EXPECT_GT(ccaas["send_calls"]["2xx"].get<int>(), 0) << ccaas.dump();
  EXPECT_EQ(ccaas["send_calls"]["failed"].get<int>(), 0) << ccaas.dump();
}

}  // namespace
}  // namespace msgsim::live
