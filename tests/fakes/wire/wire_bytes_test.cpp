// Every request and answer the codecs write keeps its bytes: each case of
// wire_byte_cases.h (every channel type, both directions, texts that need
// every kind of escape) hashes to the SHA-256 recorded in
// wire_bytes_golden.txt, which was written by the encoders before they
// were rewritten around BodyWriter and HttpHeaders. A change to what goes
// on the wire shows up here, named by its case.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "sim/stack/channels/signatures.h"
#include "tests/fakes/wire/wire_byte_cases.h"

namespace msgsim::fakes::wire_test {
namespace {

std::map<std::string, std::string> golden_digests() {
  std::ifstream file(MSGSIM_SOURCE_DIR "/tests/fakes/wire/wire_bytes_golden.txt");
  std::map<std::string, std::string> digests;
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string name;
    std::string digest;
    if (fields >> name >> digest) digests[name] = digest;
  }
  return digests;
}

TEST(WireBytes, EveryEncoderWritesTheBytesItWroteBefore) {
  const std::map<std::string, std::string> golden = golden_digests();
  ASSERT_FALSE(golden.empty()) << "wire_bytes_golden.txt is missing";
  std::size_t compared = 0;
  for (const auto& [name, bytes] : wire_byte_cases()) {
    const auto expected = golden.find(name);
    ASSERT_NE(expected, golden.end()) << "no recorded digest for " << name;
    EXPECT_EQ(stack::sha256_hex(bytes), expected->second) << name << ":\n" << bytes;
    ++compared;
  }
  EXPECT_EQ(compared, golden.size());
}

}  // namespace
}  // namespace msgsim::fakes::wire_test
