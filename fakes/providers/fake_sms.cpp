#include "fakes/providers/fake_sms.h"

#include <charconv>
#include <utility>

#include "sim/runtime/check.h"
#include "sim/stack/channels/sms_encoding.h"

namespace msgsim::fakes {
namespace {

// SplitMix64's finaliser: a bijection on 64-bit values.
std::uint64_t mix64(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void append_hex64(std::string& out, std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kDigits[(value >> shift) & 0xF]);
}

}  // namespace

// Twilio times a webhook out after 15 s and retries it once (documented
// defaults tt=15000, rc=1).
const PlatformProfile& sms_profile() {
  static const PlatformProfile kProfile{"sms", runtime::Duration::seconds(15), FakeSms::kTooManyRequests,
                                        FakeSms::kInternalServerError, std::nullopt, false};
  return kProfile;
}

std::string twilio_message_sid(stack::ProviderMessageId id) {
  std::string sid = "SM";
  append_hex64(sid, mix64(id.value));
  append_hex64(sid, id.value);
  return sid;
}

std::optional<stack::ProviderMessageId> parse_twilio_message_sid(std::string_view sid) {
  if (sid.size() != 34 || sid.substr(0, 2) != "SM") return std::nullopt;
  std::uint64_t low = 0;
  const std::string_view hex = sid.substr(18);
  const auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), low, 16);
  if (error != std::errc() || end != hex.data() + hex.size()) return std::nullopt;
  const stack::ProviderMessageId id{low};
  if (twilio_message_sid(id) != sid) return std::nullopt;
  return id;
}

FakeSms::FakeSms(runtime::Runtime& runtime, stack::Stack& stack, GroundTruth& truth, Device& device,
                 stack::ChannelId channel, FakeProviderSettings settings, SmsOptions options)
    : FakePlatform(runtime, stack, truth, device, channel, std::move(settings), sms_profile()), options_(options) {
  runtime::Result<stack::KeywordPack> pack = stack::keyword_pack("default");
  MSGSIM_CHECK_MSG(pack.is_ok(), "the default keyword pack is built in");
  pack_ = std::move(pack.value());
}

// The provider still forwards keyword messages to the webhook: the business
// sees the STOP as well.
void FakeSms::on_customer_message(stack::CustomerHandle from, std::string_view text) {
  const stack::KeywordMatch match = stack::match_keyword(pack_, text, settings().keyword_match);
  if (match.action == stack::KeywordAction::kOptOut) {
    opted_out_.insert(from.value);
    confirmation_allowed_.insert(from.value);
  }
  if (match.action == stack::KeywordAction::kOptIn) {
    opted_out_.erase(from.value);
    confirmation_allowed_.erase(from.value);
  }
}

stack::SendOutcome FakeSms::send_admitted(const stack::OutboundRequest& request) {
  // Carriers let one opt-out confirmation through (CTIA); everything after
  // it fails with 21610 until the recipient opts in again.
  if (opted_out(request.to) && confirmation_allowed_.erase(request.to.value) == 0) {
    return stack::SendOutcome{false, kUnsubscribedRecipient};
  }
  const runtime::Result<std::size_t> characters = stack::sms_body_characters(request.text);
  // A body that is not even valid UTF-8 has no countable length either; the
  // length error is the closest the provider has.
  if (!characters.is_ok() || characters.value() > stack::kSmsBodyCharactersMax) {
    return stack::SendOutcome{false, kBodyTooLong};
  }
  const bool undelivered = stream().bernoulli(options_.undelivered_probability);
  const runtime::Duration handed_to_carrier = draw_receipt_latency();
  report_status(request.id, stack::DeliveryState::kSent, handed_to_carrier);
  if (undelivered) {
    report_status(request.id, stack::DeliveryState::kFailed, handed_to_carrier + draw_receipt_latency(),
                  options_.undelivered_error_code);
    return stack::SendOutcome{true, 0};
  }
  const runtime::Duration to_device = carry_to_device(request.to, request.text);
  report_status(request.id, stack::DeliveryState::kDelivered, to_device + draw_receipt_latency());
  return stack::SendOutcome{true, 0};
}

}  // namespace msgsim::fakes
