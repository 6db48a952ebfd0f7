// Fake SMS provider (reference: Twilio). Customer texts get a MessageSid
// ("SM" + 32 hex) derived from the dense ground-truth id; the provider acts
// on its own keywords: after an opt-out keyword (default pack, matched with
// the channel's keyword_match mode) every send from this number to that
// recipient fails with 21610 until an opt-in keyword. Bodies over 1,600
// characters fail with 21617. Accepted messages report `sent`, then
// `delivered` (or `undelivered`, reported as failed with its ErrorCode)
// after the receipt latency; status callbacks may arrive out of order. One
// instance per sender number (channel); single-threaded.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>

#include "fakes/providers/fake_platform.h"
#include "sim/stack/channels/keywords.h"

namespace msgsim::fakes {

struct SmsOptions {
  double undelivered_probability = 0.0;  // carrier could not deliver (unverified rate)
  // The ErrorCode of such an `undelivered` status: 30003 (Unreachable
  // destination handset) unless told otherwise (which code carriers give
  // most is unverified).
  int undelivered_error_code = 30003;
};

class FakeSms final : public FakePlatform {
 public:
  static constexpr int kUnsubscribedRecipient = 21610;
  static constexpr int kBodyTooLong = 21617;
  static constexpr int kTooManyRequests = 20429;
  static constexpr int kInternalServerError = 20500;

  FakeSms(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device, stack::ChannelId channel,
          FakeProviderSettings settings, SmsOptions options = {});

  // True iff `recipient` has opted out of this sender number.
  bool opted_out(stack::CustomerHandle recipient) const { return opted_out_.contains(recipient.value); }

 private:
  void on_customer_message(stack::CustomerHandle from, std::string_view text) override;
  stack::SendOutcome send_admitted(const stack::OutboundRequest& request) override;
  // The sender's phone, as the person's identity holds it.
  void describe_sender(stack::InboundWebhook& webhook, const PersonIdentity& person) const override {
    webhook.from_address = person.phone;
  }

  SmsOptions options_;
  stack::KeywordPack pack_;
  std::unordered_set<std::uint64_t> opted_out_;  // membership only, never iterated
  std::unordered_set<std::uint64_t> confirmation_allowed_;  // opted out, confirmation not yet sent
};

const PlatformProfile& sms_profile();

// The MessageSid of a provider message id: "SM" + 32 lowercase hex. The low
// 64 bits are the id itself, the high 64 a bijective mix of it, so Sids look
// random yet map back exactly.
std::string twilio_message_sid(stack::ProviderMessageId id);
// The id behind a Sid made by twilio_message_sid; none for any other string.
std::optional<stack::ProviderMessageId> parse_twilio_message_sid(std::string_view sid);

}  // namespace msgsim::fakes
