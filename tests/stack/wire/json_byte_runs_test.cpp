// json_plain_run finds, eight bytes at a time, the same first byte that
// needs attention as a byte-by-byte reading does: for every byte value at
// every position of texts shorter and longer than a word, for each of the
// three sets of stops the readers and writers use.
#include "sim/stack/wire/json_byte_runs.h"

#include <gtest/gtest.h>

#include <string>

namespace msgsim::stack {
namespace {

// The run length read one byte at a time, from the rule itself.
std::size_t reference_run(std::string_view text, JsonRunStops stops) {
  std::size_t at = 0;
  for (; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    const bool stop = byte < 0x20 || byte == '"' || byte == '\\' || (stops.non_ascii && byte >= 0x80) ||
                      (stops.slash && byte == '/');
    if (stop) break;
  }
  return at;
}

template <JsonRunStops kStops>
void expect_runs_match() {
  for (std::size_t length = 0; length <= 40; ++length) {
    const std::string plain(length, 'a');
    ASSERT_EQ(json_plain_run<kStops>(plain), length);
    for (std::size_t position = 0; position < length; ++position) {
      for (int value = 0; value < 256; ++value) {
        std::string text = plain;
        text[position] = static_cast<char>(value);
        // A second byte that needs attention after the first must not hide it.
        if (position + 3 < length) text[position + 3] = '"';
        ASSERT_EQ(json_plain_run<kStops>(text), reference_run(text, kStops))
            << "byte " << value << " at " << position << " of " << length;
      }
    }
  }
}

TEST(JsonByteRuns, StopsWhereAByteByByteReadingStops) {
  expect_runs_match<JsonRunStops{}>();
  expect_runs_match<JsonRunStops{.non_ascii = true, .slash = true}>();
  expect_runs_match<JsonRunStops{.non_ascii = false}>();
}

TEST(JsonByteRuns, ReadsOnlyTheTextGiven) {
  // The bytes after the view are quotes: a run must end at the view's end.
  const std::string text = "abcdefghijk\"\"\"\"\"\"\"\"";
  for (std::size_t length = 0; length <= 11; ++length) {
    EXPECT_EQ(json_plain_run<JsonRunStops{}>(std::string_view(text).substr(0, length)), length);
  }
}

}  // namespace
}  // namespace msgsim::stack
