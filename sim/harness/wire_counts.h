// What crossed a run's wire-mode provider boundaries (report key
// metrics.wire, present only when some channel runs with wire "json").
// A BYOC for CCaaS partner's calls to the platform (route, agentWork,
// messagingSession, consent) are counted apart from the webhooks, and the
// platform's routing-request events to it apart from the send calls; the
// bad_signature fault forges partner calls as it forges webhooks, so
// `forged` and `forged_accepted` cover both.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace msgsim::harness {

struct WireCounts {
  std::uint64_t webhooks = 0;          // webhook requests the stack received
  std::uint64_t refused = 0;           // of which it refused (any 4xx)
  std::uint64_t forged = 0;            // webhooks and partner calls sent with a corrupted signature (fault)
  std::uint64_t forged_accepted = 0;   // forged ones the stack took: must be 0
  std::uint64_t send_calls = 0;        // provider API calls the stack made
  std::uint64_t unknown_receipts = 0;  // statuses about no message the stack sent
  std::uint64_t partner_calls = 0;     // partner API requests the stack received, forged ones included
  std::uint64_t partner_calls_refused = 0;   // of which it refused unread (401, 400, 413)
  std::uint64_t partner_calls_declined = 0;  // of which it read and refused by a rule (404, 409)
  std::uint64_t partner_events = 0;          // routing-request events the stack sent to partners

  void merge(const WireCounts& other) {
    webhooks += other.webhooks;
    refused += other.refused;
    forged += other.forged;
    forged_accepted += other.forged_accepted;
    send_calls += other.send_calls;
    unknown_receipts += other.unknown_receipts;
    partner_calls += other.partner_calls;
    partner_calls_refused += other.partner_calls_refused;
    partner_calls_declined += other.partner_calls_declined;
    partner_events += other.partner_events;
  }
  nlohmann::ordered_json to_json() const {
    return {{"webhooks", webhooks},
            {"refused", refused},
            {"forged", forged},
            {"forged_accepted", forged_accepted},
            {"send_calls", send_calls},
            {"unknown_receipts", unknown_receipts},
            {"partner_calls", partner_calls},
            {"partner_calls_refused", partner_calls_refused},
            {"partner_calls_declined", partner_calls_declined},
            {"partner_events", partner_events}};
  }
};

}  // namespace msgsim::harness
