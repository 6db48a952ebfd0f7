#include "fakes/wire/wire_gateway.h"

#include <cstdio>
#include <utility>

#include "sim/runtime/flat_map.h"

namespace msgsim::fakes {

using runtime::Status;
using runtime::StatusCode;

namespace {

// LINE answers a reply token it never issued, or one already used, with 400.
constexpr int kInvalidReplyToken = 400;

// Every signature header the platforms use; a forged request corrupts
// whichever the codec set.
constexpr std::string_view kSignatureHeaders[] = {"X-Twilio-Signature", "X-Hub-Signature-256", "x-line-signature",
                                                  "X-Msgsim-Signature", "Authorization"};

void corrupt_signature(stack::HttpRequest& request) {
  for (std::size_t i = 0; i < request.headers.size(); ++i) {
    const stack::HttpHeader header = request.headers[i];
    for (std::string_view name : kSignatureHeaders) {
      if (stack::equals_ignoring_case(header.name, name) && !header.value.empty()) {
        char& last = request.headers.value_bytes(i).back();
        last = last == 'A' ? 'B' : 'A';
        return;
      }
    }
  }
}

std::optional<std::uint64_t> parse_hex16(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (digit < 0) return std::nullopt;
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  return value;
}

}  // namespace

std::string reply_token_for(stack::ProviderMessageId event) {
  const std::uint64_t mask = runtime::mix64(event.value ^ 0x4c494e45ull);
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(mask),
                static_cast<unsigned long long>(event.value ^ mask));
  return text;
}

std::optional<stack::ProviderMessageId> event_of_reply_token(std::string_view token) {
  if (token.size() != 32) return std::nullopt;
  const std::optional<std::uint64_t> mask = parse_hex16(token.substr(0, 16));
  const std::optional<std::uint64_t> masked = parse_hex16(token.substr(16));
  if (!mask || !masked) return std::nullopt;
  const std::uint64_t event = *masked ^ *mask;
  if (runtime::mix64(event ^ 0x4c494e45ull) != *mask) return std::nullopt;
  return stack::ProviderMessageId{event};
}

Status status_of_answer(const stack::HttpResponse& response) {
  if (response.status >= 200 && response.status < 300) return Status::ok();
  StatusCode code = StatusCode::kUnavailable;
  if (response.status == 400) code = StatusCode::kInvalidInput;
  if (response.status == 401 || response.status == 403) code = StatusCode::kUnauthenticated;
  if (response.status == 409) code = StatusCode::kRefused;
  if (response.status == 413) code = StatusCode::kTooLarge;
  return Status(code, "HTTP " + std::to_string(response.status) + ": " + response.body);
}

WireGateway::WireGateway(stack::ChannelId channel, const ProviderWireCodec& codec, stack::WireCredentials credentials,
                         WireDirectory& directory, ProviderFake& fake, stack::WireTransport& stack_webhooks,
                         double bad_signature, runtime::RandomStream stream)
    : channel_(channel),
      codec_(codec),
      credentials_(std::move(credentials)),
      directory_(directory),
      fake_(fake),
      stack_webhooks_(stack_webhooks),
      bad_signature_(bad_signature),
      stream_(std::move(stream)) {}

stack::HttpRequest WireGateway::encode(const stack::WireInbound& event) const {
  stack::DecodedWebhook webhook;
  webhook.inbound.push_back(event);
  return codec_.encode_webhook(webhook, credentials_);
}

Status WireGateway::post(stack::HttpRequest request) {
  // One draw per delivery whatever the probability, so changing it does not
  // shift the draws of other deliveries.
  const bool forge = stream_.next_double() < bad_signature_;
  if (forge) {
    stack::HttpRequest forged = request;
    corrupt_signature(forged);
    ++counts_.webhooks;
    ++counts_.forged;
    stack_webhooks_.post(std::move(forged), [this](const stack::HttpResponse& response) {
      if (status_of_answer(response).is_ok()) ++counts_.forged_accepted;
    });
  }
  ++counts_.webhooks;
  // In process the answer comes inside post() and is the delivery's status;
  // over loopback it comes later and is only counted (the delivery is
  // accepted for processing meanwhile).
  std::optional<Status> at_once;
  std::optional<Status>* const outer = std::exchange(answered_at_once_, &at_once);
  stack_webhooks_.post(std::move(request), [this](const stack::HttpResponse& response) {
    Status answer = status_of_answer(response);
    if (!answer.is_ok()) ++counts_.refused_webhooks;
    if (answered_at_once_ != nullptr) *answered_at_once_ = std::move(answer);
  });
  answered_at_once_ = outer;
  return at_once.value_or(Status::ok());
}

Status WireGateway::deliver(const stack::InboundWebhook& webhook) {
  stack::WireInbound event;
  event.kind = webhook.kind;
  event.end_conversation = webhook.end_conversation;
  event.from_address = directory_.sender_address(channel_, webhook.from, webhook.from_address);
  event.message_id = codec_.message_id(webhook.id.value);
  event.text = webhook.text;
  event.sent_at = webhook.sent_at;
  event.capabilities = webhook.capabilities;
  event.verified_subject = webhook.verified_subject;
  if (codec_.type() == stack::ChannelType::kLine && webhook.kind == stack::InboundKind::kMessage &&
      !webhook.end_conversation) {
    event.reply_token = reply_token_for(webhook.id);
    reply_token_holders_[webhook.id.value] = webhook.from.value;
  }
  return post(encode(event));
}

void WireGateway::deliver_receipt(const stack::DeliveryReceipt& receipt) {
  stack::WireReceipt status;
  status.message_id = codec_.message_id(kOutboundIdBase + receipt.id.value);
  if (receipt.id.value < recipients_.size()) {
    status.recipient_address = directory_.address_of(channel_, stack::CustomerHandle{recipients_[receipt.id.value]});
  }
  status.state = receipt.state;
  status.error_code = receipt.error_code;
  stack::DecodedWebhook webhook;
  webhook.receipts.push_back(std::move(status));
  (void)post(codec_.encode_webhook(webhook, credentials_));
}

std::string WireGateway::outbound_message_id(std::uint64_t number) const {
  return codec_.message_id(kOutboundIdBase + number);
}

std::uint32_t WireGateway::outbound_number(const std::string& retry_key) {
  const auto next = static_cast<std::uint32_t>(recipients_.size());
  if (retry_key.empty()) return next;
  return retry_keys_.try_emplace(retry_key, next).first->second;
}

stack::HttpResponse WireGateway::exchange(const stack::HttpRequest& request) {
  ++counts_.send_calls;
  runtime::Result<stack::WireSend> decoded = codec_.decode_send(request, credentials_);
  if (!decoded.is_ok()) {
    ++counts_.malformed_send_calls;
    return stack::HttpResponse{stack::http_status_for(decoded.status()), "text/plain", decoded.status().message()};
  }
  const stack::WireSend& send = decoded.value();
  std::optional<stack::CustomerHandle> to = directory_.known_handle(channel_, send.to_address);
  std::optional<stack::ProviderMessageId> reply_event;
  if (send.uses_reply_token) {
    // A reply names no recipient: the token says whom it answers.
    reply_event = event_of_reply_token(send.reply_token);
    const auto holder = reply_event ? reply_token_holders_.find(reply_event->value) : reply_token_holders_.end();
    if (holder == reply_token_holders_.end()) {
      stack::WireSendAnswer invalid;
      invalid.outcome = stack::SendOutcome{false, kInvalidReplyToken};
      return codec_.encode_send_response(invalid);
    }
    to = stack::CustomerHandle{holder->second};
  }
  if (!to) {
    ++counts_.malformed_send_calls;
    return stack::HttpResponse{404, "text/plain", "no such recipient: " + send.to_address};
  }
  const std::uint32_t number = outbound_number(send.retry_key);
  if (number == recipients_.size()) recipients_.push_back(to->value);
  stack::OutboundRequest typed;
  typed.channel = channel_;
  typed.to = *to;
  typed.id = stack::OutboundId(number);
  typed.text = send.text;
  typed.options = &send.options;
  typed.uses_reply_token = send.uses_reply_token;
  if (send.uses_reply_token) typed.reply_token = *reply_event;
  stack::WireSendAnswer answer;
  answer.outcome = fake_.send(typed);
  if (answer.outcome.accepted) answer.message_id = codec_.message_id(kOutboundIdBase + number);
  return codec_.encode_send_response(answer);
}

}  // namespace msgsim::fakes
