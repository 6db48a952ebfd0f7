#include "sim/stack/wire/wire_provider_client.h"

#include <cstdio>

#include "sim/runtime/flat_map.h"

namespace msgsim::stack {

WireProviderClient::WireProviderClient(WireEndpoint& endpoint, WireTransport& provider_api, ProviderApi* notices)
    : endpoint_(endpoint), provider_api_(provider_api), notices_(notices) {}

SendOutcome WireProviderClient::send(const OutboundRequest& request) {
  WireSend send;
  send.to_address = endpoint_.address_of(request.to);
  if (send.to_address.empty()) return SendOutcome{false, kWireClientError};
  send.text = std::string(request.text);
  if (request.options != nullptr) send.options = *request.options;
  send.uses_reply_token = request.uses_reply_token;
  if (request.uses_reply_token) send.reply_token = std::string(endpoint_.reply_token_of(request.to, request.reply_token));
  send.retry_key = retry_key_for(request.channel, request.id);
  const HttpResponse response = provider_api_.exchange(endpoint_.codec().encode_send(send, endpoint_.credentials()));
  runtime::Result<WireSendAnswer> answer = endpoint_.codec().decode_send_response(response);
  if (!answer.is_ok()) {
    ++unreadable_answers_;
    return SendOutcome{false, kWireClientError};
  }
  if (answer.value().outcome.accepted && !answer.value().message_id.empty()) {
    endpoint_.record_sent(answer.value().message_id, request.id);
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
