// The `sms-info` and `sign` tools through the built msgsim binary: every SMS
// segment vector and every signature vector gives the documented output, and
// bad input exits 2 with one clear message.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

using nlohmann::json;

const json& vectors() {
  static const json parsed = [] {
    std::ifstream in(source_path("../shared/vectors/channel_vectors.json"));
    if (!in) ADD_FAILURE() << "cannot open the channel vectors";
    return in ? json::parse(in) : json::object();
  }();
  return parsed;
}

// One shell word, whatever the text holds (popen runs /bin/sh).
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string write_temp_file(const std::string& folder, const std::string& name, const std::string& bytes) {
  const std::string path = fresh_temp_dir(folder) + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// sms-info prints exactly one line of JSON with encoding, segments and units.
TEST(ToolCommand, SmsInfoPrintsOneLineJson) {
  CliResult result = run_msgsim("sms-info 'Hello'");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, "{\"encoding\": \"GSM-7\", \"segments\": 1, \"units\": 5}\n");
  CliResult dash = run_msgsim("sms-info -- '-5 degrees {'");
  EXPECT_EQ(dash.exit_code, 0);
  EXPECT_EQ(dash.output, "{\"encoding\": \"GSM-7\", \"segments\": 1, \"units\": 13}\n");
}

// sms-info agrees with every SMS segment vector (units: septets or UTF-16 units, summed over segments).
TEST(ToolCommand, SmsInfoAgreesWithEverySegmentVector) {
  const json& cases = vectors().at("sms_segments");
  ASSERT_FALSE(cases.empty());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("sms_segments[" + std::to_string(i) + "]");
    std::size_t units = 0;
    for (const json& part : cases[i].at("per_segment_units")) units += part.get<std::size_t>();
    CliResult result = run_msgsim("sms-info -- " + quoted(cases[i].at("text").get<std::string>()));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const json printed = json::parse(result.output, nullptr, false);
    ASSERT_FALSE(printed.is_discarded()) << result.output;
    EXPECT_EQ(printed, (json{{"encoding", cases[i].at("encoding")},
                             {"segments", cases[i].at("segments")},
                             {"units", units}}));
  }
}

// Invalid UTF-8 is reported with its byte offset and exit 2.
TEST(ToolCommand, SmsInfoRejectsInvalidUtf8) {
  CliResult result = run_msgsim("sms-info \"ok$(printf '\\377')\"");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("invalid UTF-8 at byte 2"), std::string::npos) << result.output;
}

std::string twilio_arguments(const json& vector) {
  std::string args = "sign twilio --secret " + quoted(vector.at("auth_token").get<std::string>()) + " --url " +
                     quoted(vector.at("url").get<std::string>());
  for (const auto& [name, value] : vector.at("params").items()) {
    args += " --param " + quoted(name + "=" + value.get<std::string>());
  }
  return args;
}

// sign reproduces every signature vector: Twilio from --param pairs, Meta from a body file, LINE from stdin.
TEST(ToolCommand, SignReproducesEverySignatureVector) {
  const json& cases = vectors().at("signatures");
  ASSERT_FALSE(cases.empty());
  const std::vector<std::string> meta_names = {"whatsapp", "messenger", "meta"};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& vector = cases[i];
    SCOPED_TRACE("signatures[" + std::to_string(i) + "]");
    const std::string header = vector.at("header").get<std::string>();
    std::string args;
    if (header == "X-Twilio-Signature") {
      args = twilio_arguments(vector);
    } else if (header == "X-Hub-Signature-256") {
      const std::string body = write_temp_file("sign-meta", "body.json", vector.at("raw_body").get<std::string>());
      args = "sign " + meta_names[i % 3] + " --secret " + quoted(vector.at("app_secret").get<std::string>()) + " " +
             quoted(body);
    } else {
      ASSERT_EQ(header, "x-line-signature") << "no CLI provider for this header: add one";
      const std::string body = write_temp_file("sign-line", "body.json", vector.at("raw_body").get<std::string>());
      args = "sign line --secret " + quoted(vector.at("channel_secret").get<std::string>()) + " < " + quoted(body);
    }
    CliResult result = run_msgsim(args);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output, vector.at("expected").get<std::string>() + "\n");
  }
}

// Bad sign input exits 2 with one message naming the problem.
TEST(ToolCommand, SignRejectsBadInput) {
  const std::string body = write_temp_file("sign-bad", "body.json", "{}");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sign telegram --secret s " + body, "unknown provider 'telegram'"},
      {"sign twilio --secret s --param a=1", "--url"},
      {"sign twilio --secret s --url https://x.test --param novalue", "NAME=VALUE"},
      {"sign twilio --secret s --url https://x.test " + body, "not a body file"},
      {"sign meta --secret s /nonexistent/body.json", "/nonexistent/body.json"},
      {"sign line --secret s --param a=1 " + body, "twilio only"},
      {"sign meta --secret '' " + body, "--secret"},
      {"sign meta " + body, "secret"},
  };
  for (const auto& [args, message] : cases) {
    CliResult result = run_msgsim(args);
    EXPECT_EQ(result.exit_code, 2) << args << "\n" << result.output;
    EXPECT_NE(result.output.find(message), std::string::npos) << args << "\n" << result.output;
  }
}

}  // namespace
}  // namespace msgsim::testing
