// Every kind of request and answer the codecs write, for every channel type,
// as bytes: the fakes' webhooks (messages, conversation events, receipts,
// several events in one request), the stack's send calls (text, templates,
// tags, interactive messages, reply tokens, retry keys) and the fakes'
// answers to them. wire_bytes_test.cpp pins the SHA-256 of each case, so an
// encoder rewritten for speed is shown to write the bytes it wrote before.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "fakes/wire/provider_wire_codec.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::fakes::wire_test {

// A request as one string: method, target, each header in order, body.
inline std::string request_bytes(const stack::HttpRequest& request) {
  std::string bytes = request.method + " " + request.target + "\n";
  for (const auto& header : request.headers) {
    bytes.append(header.name.data(), header.name.size()).append(": ");
    bytes.append(header.value.data(), header.value.size()).append("\n");
  }
  return bytes + "\n" + request.body;
}

inline std::string response_bytes(const stack::HttpResponse& response) {
  return std::to_string(response.status) + " " + response.content_type + "\n\n" + response.body;
}

struct ByteCaseChannel {
  stack::ChannelType type;
  const char* name;
  const char* business_address;
  const char* customer;  // "" = the codec's opaque address 7
};

inline const std::vector<ByteCaseChannel>& byte_case_channels() {
  static const std::vector<ByteCaseChannel> kChannels{
      {stack::ChannelType::kSms, "sms", "+15551230000", "+15558675310"},
      {stack::ChannelType::kWhatsapp, "whatsapp", "106540352242922", "15558675310"},
      {stack::ChannelType::kMessenger, "messenger", "1029384756473829", ""},
      {stack::ChannelType::kApple, "apple", "channel-1", ""},
      {stack::ChannelType::kLine, "line", "U0123456789abcdef0123456789abcdef", ""},
      {stack::ChannelType::kWeb, "web", "channel-1", ""},
      {stack::ChannelType::kInApp, "in_app", "channel-1", ""},
      {stack::ChannelType::kByoc, "byoc", "channel-1", ""},
      {stack::ChannelType::kByocCcaas, "byoc_ccaas", "channel-1", ""},
  };
  return kChannels;
}

inline const std::vector<std::string>& byte_case_texts() {
  static const std::vector<std::string> kTexts{
      "Hi, my order #482135 hasn't arrived yet. Could you check it?",
      "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇯🇵",
      "non-ASCII: café, naïve, 日本語, Ελληνικά, עברית",
      "quotes \"double\" and 'single', backslash \\ and slash / </script>",
      "new\nlines\r\nand\ttabs, form\ffeed and back\bspace",
      std::string("control \x01 and \x1f bytes, nul \0 too", 32),
      "not UTF-8: \xFF\xC3 \xED\xA0\x80 end",
      "json-looking {\"type\":\"close\"} text]} & form-looking a=b&c=%20+d",
      "",
      std::string(300, 'x') + " a long one",
  };
  return kTexts;
}

// (case name, bytes) for every case.
inline std::vector<std::pair<std::string, std::string>> wire_byte_cases() {
  using stack::ChannelType;
  using stack::DeliveryState;
  std::vector<std::pair<std::string, std::string>> cases;
  for (const ByteCaseChannel& channel : byte_case_channels()) {
    const auto provider = make_provider_wire_codec(channel.type);
    const auto stack_codec = stack::make_stack_wire_codec(channel.type);
    stack::WireCredentials credentials;
    credentials.secret = "s3cret-shared-with-the-provider";
    credentials.webhook_url = "https://stack.example:8443/webhooks/channel-1?v=2";
    credentials.business_address = channel.business_address;
    if (channel.type == ChannelType::kSms) credentials.account_id = "AC0123456789abcdef0123456789abcdef";
    const std::string customer = *channel.customer != '\0' ? channel.customer : provider->opaque_address(7);
    const std::string other = *channel.customer != '\0' ? std::string("15558675311") : provider->opaque_address(8);
    const std::string prefix = std::string(channel.name) + "/";
    auto add_webhook = [&](const std::string& name, const stack::DecodedWebhook& events) {
      cases.emplace_back(prefix + "webhook/" + name, request_bytes(provider->encode_webhook(events, credentials)));
    };
    auto add_send = [&](const std::string& name, const stack::WireSend& send) {
      cases.emplace_back(prefix + "send/" + name, request_bytes(stack_codec->encode_send(send, credentials)));
    };
    const bool one_event = channel.type == ChannelType::kSms || channel.type == ChannelType::kApple ||
                           channel.type == ChannelType::kWeb || channel.type == ChannelType::kInApp;
    const bool ends_chats = channel.type == ChannelType::kApple || channel.type == ChannelType::kWeb ||
                            channel.type == ChannelType::kInApp || channel.type == ChannelType::kByoc ||
                            channel.type == ChannelType::kByocCcaas;
    for (std::size_t t = 0; t < byte_case_texts().size(); ++t) {
      const std::string& text = byte_case_texts()[t];
      const std::string tag = "text" + std::to_string(t);
      stack::WireInbound message;
      message.from_address = customer;
      message.message_id = provider->message_id(40 + t);
      message.text = text;
      message.sent_at = runtime::Time::from_ns(3'600'000'000'000 + static_cast<std::int64_t>(t) * 1'234'567'000);
      if (channel.type == ChannelType::kLine) message.reply_token = "757913772c4646b784d4b7ce46d12671";
      if (channel.type == ChannelType::kApple) message.capabilities = static_cast<stack::CapabilityMask>(t * 7);
      if ((channel.type == ChannelType::kWeb || channel.type == ChannelType::kInApp) && t % 2 == 1) {
        message.verified_subject = "user-" + std::to_string(t);
      }
      stack::DecodedWebhook inbound;
      inbound.inbound.push_back(message);
      add_webhook(tag, inbound);
      stack::WireSend send;
      send.to_address = customer;
      send.text = text;
      add_send(tag, send);
      if (channel.type == ChannelType::kSms) continue;
      stack::WireSend varied = send;
      switch (channel.type) {
        case ChannelType::kWhatsapp:
          varied.options.template_name = "order_update";
          varied.options.template_category = static_cast<stack::TemplateCategory>(t % 4);
          break;
        case ChannelType::kMessenger: varied.options.tag = static_cast<stack::MessageTag>(1 + t % 4); break;
        case ChannelType::kApple:
          varied.options.interactive = static_cast<stack::InteractiveType>(1 + t % 5);
          varied.retry_key = t % 2 == 0 ? "" : "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
          break;
        case ChannelType::kLine:
          varied.uses_reply_token = t % 2 == 0;
          varied.reply_token = "757913772c4646b784d4b7ce46d12671";
          varied.retry_key = "123e4567-e89b-42d3-a456-426614174000";
          break;
        default: varied.retry_key = "retry-" + std::to_string(t); break;
      }
      add_send(tag + "/varied", varied);
      if (one_event) continue;
      stack::WireInbound second = message;
      second.from_address = channel.type == ChannelType::kByoc || channel.type == ChannelType::kByocCcaas ? customer : other;
      second.message_id = provider->message_id(90 + t);
      second.text = "second " + text;
      stack::DecodedWebhook batch;
      batch.inbound = {message, second, message};
      add_webhook(tag + "/batch", batch);
    }
    // Conversation events.
    stack::WireInbound event;
    event.from_address = customer;
    event.message_id = provider->message_id(77);
    event.sent_at = runtime::Time::from_ns(7'200'000'000'000);
    if (ends_chats) {
      stack::WireInbound end = event;
      end.end_conversation = true;
      add_webhook("end", stack::DecodedWebhook{{end}, {}});
    }
    if (channel.type == ChannelType::kApple) {
      stack::WireInbound deleted = event;
      deleted.kind = stack::InboundKind::kConversationDeleted;
      add_webhook("deleted", stack::DecodedWebhook{{deleted}, {}});
    }
    if (channel.type == ChannelType::kLine) {
      stack::WireInbound follow = event;
      follow.kind = stack::InboundKind::kFollow;
      follow.reply_token = "0f3779fba3b349968c5d07db31eab56f";
      stack::WireInbound unfollow = event;
      unfollow.kind = stack::InboundKind::kUnfollow;
      unfollow.redelivery = true;
      stack::WireInbound standby = event;
      standby.standby = true;
      standby.text = "standby";
      add_webhook("follow-unfollow-standby", stack::DecodedWebhook{{follow, unfollow, standby}, {}});
    }
    // Receipts, one state at a time and together.
    if (channel.type != ChannelType::kApple && channel.type != ChannelType::kLine) {
      std::vector<DeliveryState> states{DeliveryState::kQueued, DeliveryState::kSent, DeliveryState::kDelivered,
                                        DeliveryState::kRead, DeliveryState::kFailed};
      if (channel.type == ChannelType::kWhatsapp) states.erase(states.begin());
      if (channel.type == ChannelType::kMessenger) states = {DeliveryState::kDelivered, DeliveryState::kRead};
      std::vector<stack::WireReceipt> all;
      for (const DeliveryState state : states) {
        for (const int error_code : {0, 131047}) {
          if (error_code != 0 && state != DeliveryState::kFailed) continue;
          stack::WireReceipt receipt;
          receipt.message_id = provider->message_id(1'000'000 + all.size());
          receipt.recipient_address = customer;
          receipt.state = state;
          receipt.error_code = error_code;
          all.push_back(receipt);
          add_webhook("receipt" + std::to_string(all.size()), stack::DecodedWebhook{{}, {receipt}});
        }
      }
      if (!one_event) add_webhook("receipts", stack::DecodedWebhook{{}, all});
      if (!one_event) add_webhook("message-and-receipts", stack::DecodedWebhook{{event}, all});
    }
    // The fakes' answers.
    for (const int code : {0, 400, 409, 429, 500, 21610, 131047, 2018278}) {
      stack::WireSendAnswer answer;
      answer.outcome.accepted = code == 0;
      answer.outcome.error_code = code;
      if (code == 0) answer.message_id = provider->message_id(5'000);
      cases.emplace_back(prefix + "answer/" + std::to_string(code), response_bytes(provider->encode_send_response(answer)));
    }
  }
  return cases;
}

}  // namespace msgsim::fakes::wire_test
