// HS256 identity tokens have the JWT shape, verify with the secret that
// signed them, and are refused when any part is altered.
#include "sim/stack/wire/identity_token.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

TEST(IdentityToken, SignedTokensVerifyAndKeepTheirClaims) {
  const std::string token = sign_identity_token("secret", {"ünïcode \"subject\"", 1767225600, 1767229200});
  EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
  EXPECT_EQ(token.rfind("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", 0), 0u);
  const auto claims = verify_identity_token("secret", token);
  ASSERT_TRUE(claims.is_ok()) << claims.status().message();
  EXPECT_EQ(claims.value().subject, "ünïcode \"subject\"");
  EXPECT_EQ(claims.value().issued_at_s, 1767225600);
  EXPECT_EQ(claims.value().expires_at_s, 1767229200);
}

TEST(IdentityToken, EveryAlteredCharacterIsRefused) {
  const std::string token = sign_identity_token("secret", {"user-1", 1767225600, 0});
  EXPECT_FALSE(verify_identity_token("other", token).is_ok());
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string altered = token;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    const auto claims = verify_identity_token("secret", altered);
    ASSERT_FALSE(claims.is_ok()) << i;
    EXPECT_EQ(claims.status().code(), runtime::StatusCode::kUnauthenticated);
  }
  EXPECT_FALSE(verify_identity_token("secret", sign_identity_token("secret", {"", 0, 0})).is_ok());
}

}  // namespace
}  // namespace msgsim::stack
