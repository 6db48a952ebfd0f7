#include "sim/stack/wire/wire_provider_client.h"

#include <cstdio>
#include <utility>

#include "sim/runtime/flat_map.h"

namespace msgsim::stack {

WireProviderClient::WireProviderClient(Stack& stack, WireEndpoint& endpoint, WireTransport& provider_api,
                                       ProviderApi* notices)
    : stack_(stack), endpoint_(endpoint), provider_api_(provider_api), notices_(notices) {}

SendOutcome WireProviderClient::send(const OutboundRequest& request) {
  WireSend send;
  send.to_address = endpoint_.address_of(request.to);
  if (send.to_address.empty()) return SendOutcome{false, kWireClientError};
  send.text = std::string(request.text);
  if (request.options != nullptr) send.options = *request.options;
  send.uses_reply_token = request.uses_reply_token;
  if (request.uses_reply_token) send.reply_token = std::string(endpoint_.reply_token_of(request.to, request.reply_token));
  send.retry_key = retry_key_for(request.channel, request.id);
  std::optional<SendOutcome> at_once;
  // Saved and restored: a send the other side makes while answering has its own slot.
  std::optional<SendOutcome>* const outer = std::exchange(answered_at_once_, &at_once);
  provider_api_.post(endpoint_.codec().encode_send(send, endpoint_.credentials()),
                     [this, id = request.id](const HttpResponse& response) { on_answer(id, response); });
  answered_at_once_ = outer;
  return at_once.value_or(SendOutcome::answered_later());
}

void WireProviderClient::on_answer(OutboundId id, const HttpResponse& response) {
  const SendOutcome outcome = read_answer(id, response);
  if (answered_at_once_ != nullptr) {
    *answered_at_once_ = outcome;
    return;
  }
  stack_.receive_send_outcome(id, outcome);
}

SendOutcome WireProviderClient::read_answer(OutboundId id, const HttpResponse& response) {
  runtime::Result<WireSendAnswer> answer = endpoint_.codec().decode_send_response(response);
  if (!answer.is_ok()) {
    ++unreadable_answers_;
    return SendOutcome{false, kWireClientError};
  }
  if (answer.value().outcome.accepted && !answer.value().message_id.empty()) {
    endpoint_.record_sent(answer.value().message_id, id);
  }
  return answer.value().outcome;
}

void WireProviderClient::agent_joined(ChannelId channel, CustomerHandle customer) {
  if (notices_ != nullptr) notices_->agent_joined(channel, customer);
}

std::string retry_key_for(ChannelId channel, OutboundId id) {
  const std::uint64_t high = runtime::mix64((std::uint64_t{channel.value} << 32) | 0x5e7u);
  const std::uint64_t low = runtime::mix64(high ^ id.value);
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffull));
  return text;
}

}  // namespace msgsim::stack
