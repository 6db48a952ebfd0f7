// The browser's agent seat keeps its group's shift: a change that takes the
// agent off sets the seat's presence when it comes (and the platform
// re-routes the work in hand), a change that puts it online is only
// announced, and the widget's state says where the shift stands and what
// comes next.
#include "sim/live/serve/browser_seat.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/runtime/sim_runtime.h"

namespace msgsim::live {
namespace {

using runtime::Duration;
using runtime::Time;

struct SeatShift : ::testing::Test {
  runtime::SimRuntime runtime{1};
  stack::Stack stack{runtime};
  stack::AgentId agent;
  std::vector<std::string> notices;

  void SetUp() override {
    stack::QueueSettings queue;
    queue.id = "support";
    const stack::QueueId q = stack.router().add_queue(queue);
    stack::AgentSettings settings;
    settings.id = "seat";
    settings.capacity = 2;
    settings.queues = {q};
    agent = stack.router().add_agent(settings);
  }

  std::unique_ptr<BrowserSeat> seat_with(std::vector<fakes::ShiftChange> shift) {
    return std::make_unique<BrowserSeat>(
        stack, agent,
        [this](std::string_view kind, const nlohmann::ordered_json& data) {
          if (kind == "shift") notices.push_back(data.dump());
        },
        [](stack::MessagingUserId) { return std::string(); }, std::move(shift));
  }
  std::string presence() const { return stack::presence_status_name(stack.router().presence(agent)); }
};

// On at 1 h, off at 2 h: before 1 h the seat is before its shift and offline;
// at 1 h the start is announced but the seat stays offline until the tester
// goes online; at 2 h the shift sets it offline whatever the tester chose.
TEST_F(SeatShift, AShiftEndSetsTheSeatOffAndAShiftStartIsOnlyAnnounced) {
  auto seat = seat_with({{Time::at(Duration::hours(1)), stack::PresenceStatus::kOnline},
                         {Time::at(Duration::hours(2)), stack::PresenceStatus::kOffline}});
  runtime.run_until(Time::at(Duration::minutes(30)));
  nlohmann::ordered_json shift = seat->state_json()["shift"];
  EXPECT_TRUE(shift["status"].is_null());
  EXPECT_EQ(shift["next"]["status"], "online");
  EXPECT_EQ(shift["next"]["at_s"], 3600.0);
  EXPECT_EQ(shift["entries"].size(), 2u);

  runtime.run_until(Time::at(Duration::minutes(61)));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0], R"({"status":"online","applied":false,"presence":"offline"})");
  EXPECT_EQ(presence(), "offline");
  EXPECT_EQ(seat->state_json()["shift"]["status"], "online");

  ASSERT_TRUE(seat->set_presence("online").is_ok());
  runtime.run_until(Time::at(Duration::minutes(121)));
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[1], R"({"status":"offline","applied":true,"presence":"offline"})");
  EXPECT_EQ(presence(), "offline");
  shift = seat->state_json()["shift"];
  EXPECT_EQ(shift["status"], "offline");
  EXPECT_TRUE(shift["next"].is_null());
}

// Without a shift the widget says so (null) and nothing is scheduled.
TEST_F(SeatShift, NoShiftMeansNoChanges) {
  auto seat = seat_with({});
  ASSERT_TRUE(seat->set_presence("online").is_ok());
  runtime.run_until(Time::at(Duration::hours(30)));
  EXPECT_TRUE(seat->state_json()["shift"].is_null());
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(presence(), "online");
}

}  // namespace
}  // namespace msgsim::live
