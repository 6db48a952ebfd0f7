// What the provider-codec tests share: texts that stress an encoder (emoji,
// scripts, quotes, escapes, control characters), credentials, and the two
// round trips of a wire boundary: fake encode_webhook -> stack
// decode_webhook, and stack encode_send -> fake decode_send ->
// encode_send_response -> stack decode_send_response.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "fakes/wire/provider_wire_codec.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::fakes::wire_test {

inline const std::vector<std::string>& tricky_texts() {
  static const std::vector<std::string> kTexts{
      "Hello, I need help with my order",
      "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇯🇵",
      "non-ASCII: café, naïve, 日本語, Ελληνικά, עברית",
      "quotes \"double\" and 'single', backslash \\ and slash /",
      "new\nlines\r\nand\ttabs",
      std::string("control \x01 and \x1f bytes"),
      "json-looking {\"type\":\"close\"} text]}",
      "",
  };
  return kTexts;
}

inline stack::WireCredentials credentials(std::string business_address) {
  stack::WireCredentials credentials;
  credentials.secret = "s3cret-shared-with-the-provider";
  credentials.webhook_url = "https://stack.example:8443/webhooks/channel-1?v=2";
  credentials.business_address = std::move(business_address);
  return credentials;
}

// The provider's webhook as the stack decodes it; fails the test when the
// stack refuses it.
inline stack::DecodedWebhook deliver(const ProviderWireCodec& provider, const stack::StackWireCodec& stack_codec,
                                     const stack::DecodedWebhook& events, const stack::WireCredentials& credentials) {
  const stack::HttpRequest request = provider.encode_webhook(events, credentials);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/webhooks/channel-1?v=2");
  runtime::Result<stack::DecodedWebhook> decoded = stack_codec.decode_webhook(request, credentials);
  EXPECT_TRUE(decoded.is_ok()) << decoded.status().message() << "\nbody: " << request.body;
  return decoded.is_ok() ? decoded.take() : stack::DecodedWebhook{};
}

// What the provider reads of the stack's send call.
inline runtime::Result<stack::WireSend> submit(const ProviderWireCodec& provider,
                                               const stack::StackWireCodec& stack_codec, const stack::WireSend& send,
                                               const stack::WireCredentials& credentials) {
  return provider.decode_send(stack_codec.encode_send(send, credentials), credentials);
}

// The provider's answer as the stack reads it.
inline stack::WireSendAnswer answer(const ProviderWireCodec& provider, const stack::StackWireCodec& stack_codec,
                                    const stack::WireSendAnswer& given) {
  runtime::Result<stack::WireSendAnswer> read = stack_codec.decode_send_response(provider.encode_send_response(given));
  EXPECT_TRUE(read.is_ok()) << read.status().message();
  return read.is_ok() ? read.take() : stack::WireSendAnswer{};
}

// Numbers at the edges and in between, for the id bijections.
inline std::vector<std::uint64_t> sample_numbers() {
  std::vector<std::uint64_t> numbers{0, 1, 2, 3, 255, 256, 65535, 1ull << 32, (1ull << 48) - 1, 1ull << 62,
                                     (1ull << 62) + 7, ~std::uint64_t{0}, ~std::uint64_t{0} - 1};
  std::uint64_t x = 0x243f6a8885a308d3ull;
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    numbers.push_back(x);
  }
  return numbers;
}

// Every number maps to a distinct id that maps back; strings the codec did
// not make map to nothing.
inline void expect_message_ids_invert(const ProviderWireCodec& codec) {
  std::vector<std::string> seen;
  for (const std::uint64_t number : sample_numbers()) {
    const std::string id = codec.message_id(number);
    ASSERT_EQ(codec.message_number(id), number) << id;
    seen.push_back(id);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
  EXPECT_FALSE(codec.message_number("").has_value());
  EXPECT_FALSE(codec.message_number("not-an-id").has_value());
}

inline void expect_addresses_invert(const ProviderWireCodec& codec) {
  std::vector<std::string> seen;
  for (const std::uint64_t number : sample_numbers()) {
    const std::string address = codec.opaque_address(number);
    ASSERT_EQ(codec.opaque_number(address), number) << address;
    seen.push_back(address);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
  EXPECT_FALSE(codec.opaque_number("").has_value());
  EXPECT_FALSE(codec.opaque_number("visitor-1").has_value());
}

// A valid id with one character changed is not an id of this codec.
inline void expect_altered_ids_refused(const ProviderWireCodec& codec) {
  int refused = 0;
  int tried = 0;
  for (std::uint64_t number = 1; number < 200; ++number) {
    std::string id = codec.message_id(number);
    char& last = id.back();
    last = last == '0' ? '1' : '0';
    ++tried;
    if (!codec.message_number(id).has_value()) ++refused;
  }
  EXPECT_EQ(refused, tried);
}

}  // namespace msgsim::fakes::wire_test
