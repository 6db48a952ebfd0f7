#include "sim/harness/wire_credentials.h"

#include <cstdio>

namespace msgsim::harness {

namespace {

std::string hex_digits(runtime::RandomStream& stream, std::size_t count) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  while (text.size() < count) {
    std::uint64_t bits = stream.next_u64();
    for (int i = 0; i < 16 && text.size() < count; ++i, bits >>= 4) text += kHex[bits & 0xf];
  }
  return text;
}

std::string decimal_digits(runtime::RandomStream& stream, std::size_t count) {
  std::string text;
  while (text.size() < count) text += static_cast<char>('0' + stream.next_u64() % 10);
  if (text[0] == '0') text[0] = '1';
  return text;
}

std::string business_address(runtime::RandomStream& stream, stack::ChannelType type) {
  using stack::ChannelType;
  switch (type) {
    case ChannelType::kSms: return "+1415555" + decimal_digits(stream, 4);
    case ChannelType::kWhatsapp: return decimal_digits(stream, 15);  // phone_number_id
    case ChannelType::kMessenger: return decimal_digits(stream, 15);  // page id
    case ChannelType::kLine: return "U" + hex_digits(stream, 32);     // the bot's userId
    case ChannelType::kApple: return "biz-" + hex_digits(stream, 32);
    case ChannelType::kWeb:
    case ChannelType::kInApp: return "deployment-" + hex_digits(stream, 12);
    case ChannelType::kByoc:
    case ChannelType::kByocCcaas: return "byoc-" + hex_digits(stream, 12);
  }
  return hex_digits(stream, 16);
}

}  // namespace

stack::WireCredentials wire_credentials(const runtime::Runtime& runtime, std::string_view channel_id,
                                        stack::ChannelType type, std::string_view address, std::string_view base_url) {
  runtime::RandomStream stream = runtime.stream("wire/credentials/" + std::string(channel_id));
  stack::WireCredentials credentials;
  credentials.secret = hex_digits(stream, 32);
  credentials.webhook_url = std::string(base_url) + "/webhooks/" + std::string(channel_id);
  credentials.business_address = business_address(stream, type);
  if (!address.empty()) credentials.business_address = std::string(address);
  if (type == stack::ChannelType::kSms) credentials.account_id = "AC" + hex_digits(stream, 32);
  credentials.verify_token = hex_digits(stream, 16);
  return credentials;
}

}  // namespace msgsim::harness
