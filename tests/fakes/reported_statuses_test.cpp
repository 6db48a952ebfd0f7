#include "fakes/reported_statuses.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace msgsim::fakes {
namespace {

using stack::ChannelId;
using stack::DeliveryState;
using Seen = std::tuple<std::uint32_t, std::uint64_t, DeliveryState>;

std::vector<Seen> seen(const ReportedStatuses& statuses) {
  std::vector<Seen> out;
  statuses.for_each([&](ChannelId channel, std::uint64_t message, DeliveryState state) {
    out.emplace_back(channel.value, message, state);
  });
  return out;
}

TEST(ReportedStatuses, KeepsTheMostAdvancedStatusWhateverTheOrder) {
  ReportedStatuses statuses;
  statuses.record(ChannelId(0), 3, DeliveryState::kRead);
  statuses.record(ChannelId(0), 3, DeliveryState::kDelivered);
  statuses.record(ChannelId(0), 3, DeliveryState::kSent);
  statuses.record(ChannelId(0), 5, DeliveryState::kSent);
  statuses.record(ChannelId(0), 5, DeliveryState::kFailed);
  statuses.record(ChannelId(0), 5, DeliveryState::kRead);
  EXPECT_EQ(seen(statuses), (std::vector<Seen>{{ChannelId::kNone, 3, DeliveryState::kRead},
                                               {ChannelId::kNone, 5, DeliveryState::kFailed}}));
}

// Typed channels share the stack's numbering, so their messages are listed
// without a channel; a channel numbered by its gateway keeps its own, so the
// same number on two such channels is two messages.
TEST(ReportedStatuses, GatewayNumberedChannelsKeepTheirOwnNumbers) {
  ReportedStatuses statuses;
  statuses.number_per_channel(ChannelId(1));
  statuses.number_per_channel(ChannelId(2));
  statuses.record(ChannelId(0), 0, DeliveryState::kDelivered);
  statuses.record(ChannelId(1), 0, DeliveryState::kSent);
  statuses.record(ChannelId(2), 0, DeliveryState::kRead);
  statuses.record(ChannelId(3), 1, DeliveryState::kSent);
  EXPECT_EQ(seen(statuses), (std::vector<Seen>{{ChannelId::kNone, 0, DeliveryState::kDelivered},
                                               {ChannelId::kNone, 1, DeliveryState::kSent},
                                               {1, 0, DeliveryState::kSent},
                                               {2, 0, DeliveryState::kRead}}));
}

}  // namespace
}  // namespace msgsim::fakes
