// The agent seat a tester works from the browser: one agent of the scenario
// that no FakeAgent plays (WorldOptions::unplayed_agent). It is that agent's
// ConsoleClient, so the router's offers and the customers' messages come
// here, and every action goes through the stack's real console API
// (stack::Console): presence, accept, decline, send, transfer to a queue,
// mark inactive, end. A refused action returns the console's reason; a
// refused send is also kept on the session, so the page shows it.
// The seat starts offline: nobody is at the browser until a tester says so.
// It keeps its agent group's shift: a change that takes the agent off
// (offline, away, busy) sets the seat's presence then, as the shift sets the
// simulated agents', with what the platform does to the work in hand; one
// that puts the agent online is only announced, since only the tester can
// say they are at the browser. The page shows the shift and its next change.
// Single-threaded: the io_context thread that runs the world.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/agents/fake_agent.h"
#include "sim/runtime/status.h"
#include "sim/stack/console/console.h"
#include "sim/stack/stack.h"

namespace msgsim::live {

// A send the console refused, kept for the page.
struct SeatRefusal {
  stack::SessionId session;
  runtime::Time at;
  std::string text;
  std::string reason;
};

class BrowserSeat final : public stack::ConsoleClient {
 public:
  // Told of each change the page should show: `kind` is "offer",
  // "withdrawn", "message", "resumed" or "state"; `data` is a JSON object.
  using Observer = std::function<void(std::string_view kind, const nlohmann::ordered_json& data)>;
  // How the page names a customer (their address on the channel).
  using AddressOf = std::function<std::string(stack::MessagingUserId user)>;

  // Attaches to `agent`'s console, sets it offline and schedules `shift`
  // (in time order; empty = none) on the stack's runtime.
  BrowserSeat(stack::Stack& stack, stack::AgentId agent, Observer observer, AddressOf address_of,
              std::vector<fakes::ShiftChange> shift = {});

  // ConsoleClient.
  void on_offer(stack::WorkId work, stack::SessionId session, bool accepted) override;
  void on_customer_message(stack::SessionId session, stack::EntryId entry) override;
  void on_withdrawn(stack::WorkId work, stack::SessionId session) override;
  void on_resumed(stack::SessionId session) override;

  // The tester's actions. kInvalidInput for an unknown status name; kNotFound
  // for a work item or session this seat was never given; otherwise the
  // console's answer (kRefused with its reason).
  runtime::Status set_presence(std::string_view status);
  runtime::Status accept(std::uint32_t work);
  runtime::Status decline(std::uint32_t work);
  runtime::Result<stack::OutboundId> send(std::uint32_t session, std::string_view text);
  runtime::Status transfer(std::uint32_t session, std::string_view queue);
  runtime::Status mark_inactive(std::uint32_t session);
  runtime::Status end(std::uint32_t session);

  // Whether the seat was ever given `session` (offered or held).
  bool knows_session(std::uint32_t session) const;
  // The Omni widget: presence, capacity, pending offers, sessions in hand,
  // and the shift ({"entries": [{"at_s", "status"}], "status": the shift's
  // status now or null before its first entry, "next": the next entry or
  // null}; null without a shift).
  nlohmann::ordered_json state_json() const;
  // Refused sends of `session`, oldest first.
  std::vector<SeatRefusal> refusals_of(stack::SessionId session) const;

  stack::AgentId agent() const { return agent_; }

 private:
  runtime::Status known_session(std::uint32_t session) const;
  void notify(std::string_view kind, const nlohmann::ordered_json& data) const;
  void remember_session(stack::SessionId session);
  void on_shift_change(const fakes::ShiftChange& change);
  nlohmann::ordered_json shift_json() const;

  stack::Stack& stack_;
  stack::AgentId agent_;
  Observer observer_;
  AddressOf address_of_;
  std::vector<stack::WorkId> offers_;      // offered to this seat, in order (may be answered since)
  std::vector<stack::SessionId> sessions_;  // ever offered or held, in order
  std::vector<SeatRefusal> refusals_;
  std::vector<fakes::ShiftChange> shift_;
};

// "online", "busy", "away", "offline" -> the status; none for anything else.
std::optional<stack::PresenceStatus> presence_from_name(std::string_view name);

}  // namespace msgsim::live
