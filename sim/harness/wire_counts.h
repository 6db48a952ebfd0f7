// What crossed a run's wire-mode provider boundaries (report key
// metrics.wire, present only when some channel runs with wire "json").
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace msgsim::harness {

struct WireCounts {
  std::uint64_t webhooks = 0;          // webhook requests the stack received
  std::uint64_t refused = 0;           // of which it refused (any 4xx)
  std::uint64_t forged = 0;            // sent with a corrupted signature (fault)
  std::uint64_t forged_accepted = 0;   // forged ones the stack took: must be 0
  std::uint64_t send_calls = 0;        // provider API calls the stack made
  std::uint64_t unknown_receipts = 0;  // statuses about no message the stack sent

  void merge(const WireCounts& other) {
    webhooks += other.webhooks;
    refused += other.refused;
    forged += other.forged;
    forged_accepted += other.forged_accepted;
    send_calls += other.send_calls;
    unknown_receipts += other.unknown_receipts;
  }
  nlohmann::ordered_json to_json() const {
    return {{"webhooks", webhooks},           {"refused", refused},       {"forged", forged},
            {"forged_accepted", forged_accepted}, {"send_calls", send_calls}, {"unknown_receipts", unknown_receipts}};
  }
};

}  // namespace msgsim::harness
