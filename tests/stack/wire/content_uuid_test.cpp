// A content UUID is the version-4 text the snprintf format
// "%08x-%04x-4%03x-%04x-%012x" gives for the hashes of its two parts, so
// ids already on the wire (a BYOC or Apple message id, a web conversation
// id) keep their bytes; the same content always gives the same id.
#include "sim/stack/wire/content_uuid.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "sim/runtime/flat_map.h"
#include "sim/stack/wire/wire_numbering.h"

namespace msgsim::stack {
namespace {

std::string formatted_uuid(std::string_view first, std::string_view second) {
  const std::uint64_t high = hash_provider_id(first);
  const std::uint64_t low = runtime::mix64(high ^ hash_provider_id(second));
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32), static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                static_cast<unsigned long long>(high & 0xFFF),
                static_cast<unsigned long long>(0x8000 | ((low >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
  return text;
}

TEST(ContentUuid, WritesWhatThePrintfFormatWrites) {
  std::string first;
  for (int i = 0; i < 300; ++i) {
    const std::string second = "text " + std::to_string(i * 7919);
    EXPECT_EQ(content_uuid(first, second), formatted_uuid(first, second));
    EXPECT_EQ(content_uuid_text(second, first).view(), formatted_uuid(second, first));
    first += static_cast<char>('a' + i % 26);
  }
}

TEST(ContentUuid, HasTheVersionFourLayoutAndDependsOnlyOnContent) {
  const std::string id = content_uuid("+15558675310", "Hello");
  ASSERT_EQ(id.size(), 36u);
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(id[i], '-');
    } else {
      EXPECT_TRUE((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')) << id;
    }
  }
  EXPECT_EQ(id[14], '4');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
  EXPECT_EQ(content_uuid("+15558675310", "Hello"), id);
  EXPECT_NE(content_uuid("+15558675310", "Hello!"), id);
}

}  // namespace
}  // namespace msgsim::stack
