// Hostile-input checks shared by the stack codec tests: a decoder must
// refuse, with a reason and without crashing, every truncation of a valid
// body, a body over the size limit, ill-formed UTF-8 and absurd nesting,
// each re-signed so that the refusal comes from the parser, not the
// signature check.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack::wire_test {

// Sets the request's signature header for its current body.
using Signer = std::function<void(HttpRequest&)>;

inline runtime::Result<DecodedWebhook> decode_signed(const StackWireCodec& codec, HttpRequest request,
                                                     std::string body, const WireCredentials& credentials,
                                                     const Signer& sign) {
  request.body = std::move(body);
  sign(request);
  return codec.decode_webhook(request, credentials);
}

inline void expect_every_prefix_refused(const StackWireCodec& codec, const HttpRequest& valid,
                                        const WireCredentials& credentials, const Signer& sign) {
  ASSERT_TRUE(decode_signed(codec, valid, valid.body, credentials, sign).is_ok());
  for (std::size_t length = 0; length < valid.body.size(); ++length) {
    const auto decoded = decode_signed(codec, valid, valid.body.substr(0, length), credentials, sign);
    ASSERT_FALSE(decoded.is_ok()) << "prefix of " << length << " bytes was accepted";
    EXPECT_EQ(decoded.status().code(), runtime::StatusCode::kInvalidInput) << length;
    EXPECT_FALSE(decoded.status().message().empty());
  }
}

inline void expect_hostile_bodies_refused(const StackWireCodec& codec, const HttpRequest& valid,
                                          const WireCredentials& credentials, const Signer& sign) {
  const auto oversized =
      decode_signed(codec, valid, valid.body + std::string(kMaxWebhookBytes, ' '), credentials, sign);
  ASSERT_FALSE(oversized.is_ok());
  EXPECT_EQ(oversized.status().code(), runtime::StatusCode::kTooLarge);

  std::string bad_utf8 = valid.body;
  const std::size_t text = bad_utf8.find("hello");
  ASSERT_NE(text, std::string::npos) << "the valid body must contain the text \"hello\"";
  bad_utf8[text] = '\xff';
  const auto invalid = decode_signed(codec, valid, bad_utf8, credentials, sign);
  ASSERT_FALSE(invalid.is_ok());
  EXPECT_EQ(invalid.status().code(), runtime::StatusCode::kInvalidInput);

  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const auto nested = decode_signed(codec, valid, deep, credentials, sign);
  ASSERT_FALSE(nested.is_ok());
  EXPECT_EQ(nested.status().code(), runtime::StatusCode::kInvalidInput);

  for (const std::string& body : {std::string("null"), std::string("[]"), std::string("\"x\""), std::string("{}")}) {
    const auto wrong = decode_signed(codec, valid, body, credentials, sign);
    ASSERT_FALSE(wrong.is_ok()) << body;
    EXPECT_EQ(wrong.status().code(), runtime::StatusCode::kInvalidInput) << body;
  }
}

// The refusal of a request whose body is `body` (re-signed), for checking
// its message.
inline runtime::Status refusal_of(const StackWireCodec& codec, const HttpRequest& valid, std::string body,
                                  const WireCredentials& credentials, const Signer& sign) {
  const auto decoded = decode_signed(codec, valid, std::move(body), credentials, sign);
  EXPECT_FALSE(decoded.is_ok());
  return decoded.is_ok() ? runtime::Status::ok() : decoded.status();
}

}  // namespace msgsim::stack::wire_test
