#include "sim/stack/wire/wire_endpoint.h"

#include "sim/stack/wire/webhook_limits.h"

#include <utility>

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;

WireEndpoint::WireEndpoint(Stack& stack, ChannelId channel, const StackWireCodec& codec, WireCredentials credentials,
                           WireNumbering& numbering)
    : stack_(stack), channel_(channel), codec_(codec), credentials_(std::move(credentials)), numbering_(numbering) {}

HttpResponse WireEndpoint::refuse(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUnauthenticated: ++counts_.unauthenticated; break;
    case StatusCode::kTooLarge: ++counts_.too_large; break;
    default: ++counts_.malformed; break;
  }
  HttpResponse response;
  response.status = http_status_for(status);
  response.content_type = "text/plain";
  response.body = status.message();
  return response;
}

HttpResponse WireEndpoint::handle(const HttpRequest& request) {
  if (request.method == "GET") {
    if (auto answer = codec_.answer_verification(request, credentials_)) {
      if (!answer->is_ok()) return refuse(answer->status());
      ++counts_.accepted;
      return answer->value();
    }
    return refuse(Status(StatusCode::kInvalidInput, "this channel's webhook takes POST requests"));
  }
  if (request.method != "POST") return refuse(Status(StatusCode::kInvalidInput, "webhooks are POST requests"));
  // Before the codec hashes the body for its signature.
  if (Status size = check_webhook_size(request.body.size()); !size.is_ok()) return refuse(size);
  runtime::Result<DecodedWebhook> decoded = codec_.decode_webhook(request, credentials_);
  if (!decoded.is_ok()) return refuse(decoded.status());
  // Every event is offered even after one is refused: the provider retries
  // the whole request on an error, and the stack absorbs what it already took.
  Status first_refusal;
  for (const WireInbound& event : decoded.value().inbound) {
    if (observer_ != nullptr) observer_->before_apply(channel_, event);
    Status applied = apply(event);
    if (!applied.is_ok() && first_refusal.is_ok()) first_refusal = std::move(applied);
  }
  for (const WireReceipt& receipt : decoded.value().receipts) apply(receipt);
  if (!first_refusal.is_ok()) return refuse(first_refusal);
  ++counts_.accepted;
  return HttpResponse{200, "application/json", "{}"};
}

Status WireEndpoint::apply(const WireInbound& event) {
  const CustomerHandle handle = numbering_.handle_for(channel_, event.from_address);
  const ProviderMessageId id = numbering_.message_for(channel_, event.message_id);
  if (!event.reply_token.empty()) reply_tokens_[handle.value] = ReplyToken{id, event.reply_token};
  InboundWebhook webhook;
  webhook.channel = channel_;
  webhook.from = handle;
  webhook.id = id;
  webhook.text = event.text;
  webhook.sent_at = event.sent_at;
  webhook.end_conversation = event.end_conversation;
  webhook.kind = event.kind;
  webhook.capabilities = event.capabilities;
  webhook.from_address = event.from_address;
  webhook.verified_subject = event.verified_subject;
  return stack_.receive_webhook(webhook);
}

void WireEndpoint::apply(const WireReceipt& receipt) {
  const auto it = sent_.find(hash_provider_id(receipt.message_id));
  if (it == sent_.end()) {
    ++counts_.unknown_receipts;
    return;
  }
  // Entries stay after a final status: providers redeliver statuses too, and
  // a late copy must be recognised (and then ignored by the sender) rather
  // than counted as a status about a message nobody sent.
  stack_.receive_receipt(DeliveryReceipt{channel_, it->second, receipt.state, receipt.error_code});
}

std::string_view WireEndpoint::reply_token_of(CustomerHandle handle, ProviderMessageId event) const {
  const auto it = reply_tokens_.find(handle.value);
  if (it == reply_tokens_.end() || it->second.event != event) return {};
  return it->second.token;
}

void WireEndpoint::record_sent(std::string_view provider_id, OutboundId id) {
  sent_[hash_provider_id(provider_id)] = id;
}

std::optional<OutboundId> WireEndpoint::sent_as(std::string_view provider_id) const {
  const auto it = sent_.find(hash_provider_id(provider_id));
  if (it == sent_.end()) return std::nullopt;
  return it->second;
}

}  // namespace msgsim::stack
