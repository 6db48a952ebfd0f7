// HttpHeaders keeps fields in the order they were added and finds them by
// name ignoring ASCII case; it moves its bytes to the heap once they
// outgrow the object without losing a field, copies and moves both ways,
// replaces and removes every field of a name, accepts a view of its own
// bytes, and lets a field's value be changed in place.
#include "sim/stack/wire/http_headers.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "sim/stack/wire/http_message.h"

namespace msgsim::stack {
namespace {

std::vector<std::pair<std::string, std::string>> fields_of(const HttpHeaders& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const HttpHeader& field : headers) out.emplace_back(field.name, field.value);
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST(HttpHeaders, KeepsOrderAndFindsNamesIgnoringCase) {
  HttpHeaders headers;
  EXPECT_TRUE(headers.empty());
  headers.add("Content-Type", "application/json");
  headers.push_back({"X-Hub-Signature-256", "sha256=00"});
  headers.add("x-hub-signature-256", "second");
  headers.add("Empty", "");
  EXPECT_EQ(headers.size(), 4u);
  EXPECT_EQ(fields_of(headers), (Fields{{"Content-Type", "application/json"},
                                        {"X-Hub-Signature-256", "sha256=00"},
                                        {"x-hub-signature-256", "second"},
                                        {"Empty", ""}}));
  EXPECT_EQ(headers.find("content-type"), "application/json");
  EXPECT_EQ(headers.find("X-HUB-SIGNATURE-256"), "sha256=00");
  EXPECT_EQ(headers.find("Absent"), "");
  EXPECT_TRUE(headers.contains("empty"));
  EXPECT_FALSE(headers.contains("Absent"));
  EXPECT_EQ(headers[2].value, "second");
  headers.clear();
  EXPECT_TRUE(headers.empty());
  EXPECT_TRUE(headers.begin() == headers.end());
}

TEST(HttpHeaders, SetReplacesEveryFieldOfANameAtTheEndAndRemoveCountsThem) {
  HttpHeaders headers{{"A", "1"}, {"b", "2"}, {"a", "3"}, {"C", "4"}};
  headers.set("a", "new");
  EXPECT_EQ(fields_of(headers), (Fields{{"b", "2"}, {"C", "4"}, {"a", "new"}}));
  EXPECT_EQ(headers.remove("c"), 1u);
  EXPECT_EQ(headers.remove("c"), 0u);
  EXPECT_EQ(fields_of(headers), (Fields{{"b", "2"}, {"a", "new"}}));
  headers = {{"X", "only"}};
  EXPECT_EQ(fields_of(headers), (Fields{{"X", "only"}}));
}

TEST(HttpHeaders, MovesToTheHeapWhenFullAndKeepsEveryField) {
  HttpHeaders headers;
  Fields expected;
  for (int i = 0; i < 60; ++i) {
    const std::string name = "X-Field-" + std::to_string(i);
    const std::string value(static_cast<std::size_t>(i * 3), static_cast<char>('a' + i % 26));
    headers.add(name, value);
    expected.emplace_back(name, value);
    ASSERT_EQ(fields_of(headers), expected) << "after " << i;
  }
  EXPECT_EQ(headers.find("x-field-59"), expected.back().second);
  // Copies and moves, from the heap and from inside the object.
  const HttpHeaders copy = headers;
  EXPECT_EQ(fields_of(copy), expected);
  HttpHeaders moved = std::move(headers);
  EXPECT_EQ(fields_of(moved), expected);
  HttpHeaders small{{"A", "1"}};
  HttpHeaders small_copy;
  small_copy = small;
  HttpHeaders small_moved;
  small_moved = std::move(small);
  EXPECT_EQ(fields_of(small_copy), (Fields{{"A", "1"}}));
  EXPECT_EQ(fields_of(small_moved), (Fields{{"A", "1"}}));
  moved = small_copy;  // a heap container given inline fields
  EXPECT_EQ(fields_of(moved), (Fields{{"A", "1"}}));
  small_copy = copy;  // an inline container given heap fields
  EXPECT_EQ(fields_of(small_copy), expected);
}

TEST(HttpHeaders, AcceptsViewsOfItsOwnBytes) {
  HttpHeaders headers;
  headers.add("Authorization", "Bearer token");
  for (int i = 0; i < 40; ++i) headers.add(headers[0].name, headers[static_cast<std::size_t>(i)].value);
  EXPECT_EQ(headers.size(), 41u);
  for (const HttpHeader& field : headers) EXPECT_EQ(field.value, "Bearer token");
  headers.set(headers[3].name, headers[5].value);
  EXPECT_EQ(fields_of(headers), (Fields{{"Authorization", "Bearer token"}}));
}

TEST(HttpHeaders, WritesValuesInPlace) {
  HttpHeaders headers;
  char* value = headers.add_uninitialized("X-Signature", 4);
  value[0] = 'a';
  value[1] = 'b';
  value[2] = 'c';
  value[3] = 'd';
  headers.add("Next", "x");
  headers.value_bytes(0).back() = 'Z';
  EXPECT_EQ(fields_of(headers), (Fields{{"X-Signature", "abcZ"}, {"Next", "x"}}));
}

TEST(HttpHeaders, ServeTheRequestsHeaderLookups) {
  HttpRequest request;
  request.headers = {{"Content-Type", "text/plain"}};
  request.set_header("content-type", "application/json");
  EXPECT_EQ(request.header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(request.headers.size(), 1u);
}

}  // namespace
}  // namespace msgsim::stack
