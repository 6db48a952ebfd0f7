// Hand-written JSON is valid JSON whose strings read back exactly: quotes,
// backslashes, every control character and UTF-8 survive a parse.
#include "sim/stack/wire/json_writing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace msgsim::stack {
namespace {

TEST(JsonWriting, EscapedStringsParseBackExactly) {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control += static_cast<char>(c);
  for (const std::string& text : {std::string("plain"), std::string("q\"b\\s/"), every_control,
                                 std::string("café 日本 😀"), std::string()}) {
    std::string body = "{";
    append_json_member(body, "text", text);
    body += ',';
    append_json_member(body, "n", std::int64_t{-9'007'199'254'740'993});
    body += '}';
    const nlohmann::json parsed = nlohmann::json::parse(body);
    EXPECT_EQ(parsed.at("text").get<std::string>(), text);
    EXPECT_EQ(parsed.at("n").get<std::int64_t>(), -9'007'199'254'740'993);
  }
}

}  // namespace
}  // namespace msgsim::stack
