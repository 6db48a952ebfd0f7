// A data header is read only when it is present, not empty, within its
// bound and printable ASCII: every byte value at every place of a value is
// accepted or refused as that rule says, a refusal naming the header and
// the byte; an absent optional header reads as empty.
#include "sim/stack/wire/header_fields.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::stack {
namespace {

TEST(HeaderFields, ReadsOnlyPrintableAsciiValuesNamingTheFirstBadByte) {
  for (std::size_t length = 1; length <= 24; ++length) {
    for (std::size_t place = 0; place < length; ++place) {
      for (int value = 0; value < 256; ++value) {
        std::string text(length, 'k');
        text[place] = static_cast<char>(value);
        HttpRequest request;
        request.headers.add("source-id", text);
        const auto read = read_header(request, "Source-ID", 64);
        if (value >= 0x20 && value <= 0x7e) {
          ASSERT_TRUE(read.is_ok()) << value << " at " << place;
          EXPECT_EQ(read.value(), text);
        } else {
          ASSERT_FALSE(read.is_ok()) << value << " at " << place;
          EXPECT_EQ(read.status().message(),
                    "header Source-ID: byte " + std::to_string(place) + " is not printable ASCII");
        }
      }
    }
  }
}

TEST(HeaderFields, RefusesMissingEmptyAndOversizedValues) {
  HttpRequest request;
  request.headers.add("id", std::string(65, 'a'));
  request.headers.add("empty", "");
  EXPECT_EQ(read_header(request, "id", 64).status().message(), "header id: 65 bytes is over the limit of 64");
  EXPECT_EQ(read_header(request, "empty", 64).status().message(), "header empty: missing or empty");
  EXPECT_EQ(read_header(request, "absent", 64).status().message(), "header absent: missing or empty");
  const auto optional = read_optional_header(request, "absent", 64);
  ASSERT_TRUE(optional.is_ok());
  EXPECT_EQ(optional.value(), "");
}

}  // namespace
}  // namespace msgsim::stack
