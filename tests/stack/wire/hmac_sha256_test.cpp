// The fast HMAC-SHA256 gives RFC 4231's values (short and longer-than-block
// keys) and the very signatures of channels/signatures.h, so the codecs that
// use it sign exactly as Meta and LINE do; its prefixed hex form is the
// connector signature and Apple's bearer, and its check accepts only that.
#include "sim/stack/wire/hmac_sha256.h"

#include <gtest/gtest.h>

#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/connector_signature.h"
#include "sim/stack/wire/line_wire_codec.h"
#include "sim/stack/wire/web_wire_codec.h"

namespace msgsim::stack {
namespace {

TEST(HmacSha256, MatchesRfc4231) {
  EXPECT_EQ(digest_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(digest_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(digest_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, SignsAsTheProviderSignaturesDo) {
  std::string body;
  for (int length = 0; length < 300; length += 7) {
    for (const std::string& secret : {std::string(), std::string("test_channel_secret"), std::string(100, 'k')}) {
      EXPECT_EQ(connector_signature(secret, body), meta_signature(secret, body));
      EXPECT_EQ(line_body_signature(secret, body), line_signature(secret, body));
      EXPECT_TRUE(verify_connector_signature(secret, body, meta_signature(secret, body)));
    }
    body += "{\"é\":" + std::to_string(length) + "}";
  }
  EXPECT_EQ(line_body_signature("test_channel_secret", R"({"destination":"U0123456789abcdef0123456789abcdef","events":[]})"),
            "RdS+t5AfkJzW575TfVdHFyBLPlxZv5m+FZVUBNrhbfU=");
}

TEST(HmacSha256, PrefixedHexSignsAndChecksAsTheConnectorsDo) {
  // The one-allocation form equals the connector signature and Apple's
  // bearer built the long way; the check accepts exactly that text.
  for (const std::string& secret : {std::string(), std::string("s3cret"), std::string(100, 'k')}) {
    const std::string body = R"({"text":"caf\u00e9"})";
    const std::string signature = prefixed_hmac_sha256_hex("sha256=", secret, body);
    EXPECT_EQ(signature, connector_signature(secret, body));
    EXPECT_EQ(sign_connector_body(secret, body), connector_signature(secret, body));
    EXPECT_EQ(prefixed_hmac_sha256_hex("Bearer ", secret, body), "Bearer " + digest_hex(hmac_sha256(secret, body)));
    EXPECT_TRUE(prefixed_hmac_sha256_hex_matches("sha256=", secret, body, signature));
    EXPECT_TRUE(verify_connector_body(secret, body, signature));
    EXPECT_TRUE(verify_connector_signature(secret, body, signature));
    std::string tampered = signature;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    for (const std::string& wrong : {tampered, signature.substr(0, signature.size() - 1), signature + "0",
                                     "sha257=" + signature.substr(7), "Bearer " + signature.substr(7),
                                     std::string()}) {
      EXPECT_FALSE(prefixed_hmac_sha256_hex_matches("sha256=", secret, body, wrong)) << wrong;
      EXPECT_FALSE(verify_connector_body(secret, body, wrong)) << wrong;
      EXPECT_EQ(verify_connector_body(secret, body, wrong), verify_connector_signature(secret, body, wrong));
    }
    EXPECT_FALSE(prefixed_hmac_sha256_hex_matches("sha256=", secret + "x", body, signature));
  }
}

}  // namespace
}  // namespace msgsim::stack
