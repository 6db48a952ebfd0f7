// Base64 in both alphabets round-trips every byte string, matches RFC 4648's
// test vectors, and refuses every non-canonical spelling.
#include "sim/stack/wire/base64_text.h"

#include <gtest/gtest.h>

namespace msgsim::stack {
namespace {

TEST(Base64Text, MatchesRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain, Base64Alphabet::kStandardPadded), encoded);
    EXPECT_EQ(base64_decode(encoded, Base64Alphabet::kStandardPadded), plain);
  }
  EXPECT_EQ(base64_encode("\xfb\xff", Base64Alphabet::kUrlUnpadded), "-_8");
  EXPECT_EQ(base64_encode("\xfb\xff", Base64Alphabet::kStandardPadded), "+/8=");
}

TEST(Base64Text, EveryByteStringRoundTrips) {
  std::string bytes;
  for (int length = 0; length < 70; ++length) {
    for (const Base64Alphabet alphabet : {Base64Alphabet::kStandardPadded, Base64Alphabet::kUrlUnpadded}) {
      EXPECT_EQ(base64_decode(base64_encode(bytes, alphabet), alphabet), bytes) << length;
    }
    bytes += static_cast<char>(length * 37 + 11);
  }
}

TEST(Base64Text, RefusesNonCanonicalText) {
  for (const char* text : {"Zg", "Zg=", "Zh==", "Zm9=", "Z===", "Zm9v=", "Zm 9v", "Zm9v\n", "-_8=", "Zg==Zg=="}) {
    EXPECT_FALSE(base64_decode(text, Base64Alphabet::kStandardPadded).has_value()) << text;
  }
  for (const char* text : {"Zg==", "Zh", "+/8", "Z", "-_9"}) {
    EXPECT_FALSE(base64_decode(text, Base64Alphabet::kUrlUnpadded).has_value()) << text;
  }
}

}  // namespace
}  // namespace msgsim::stack
