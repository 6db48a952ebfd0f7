// `msgsim serve` on the command line: bad input is one clear message and exit
// code 2, before anything listens; a session ended by SIGINT writes its
// report and exits 0.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sim/live/http_client.h"
#include "sim/live/http_server.h"
#include "tests/scenarios/cli_runner.h"

namespace msgsim::live {
namespace {

using msgsim::testing::run_msgsim;
using msgsim::testing::source_path;

const std::string kScenario = source_path("tests/live/fixtures/serve-desk.json");

// Each refusal names what is wrong: the scenario's JSON path, the option, the
// address.
TEST(ServeCommand, BadInputIsOneClearMessageAndExit2) {
  const auto bad_scenario = run_msgsim("serve " + source_path("tests/harness/fixtures/bad/unknown-queue.json"));
  EXPECT_EQ(bad_scenario.exit_code, 2) << bad_scenario.output;
  EXPECT_NE(bad_scenario.output.find("queue"), std::string::npos) << bad_scenario.output;

  const auto bad_seat = run_msgsim("serve " + kScenario + " --port 0 --agent-seat nobody");
  EXPECT_EQ(bad_seat.exit_code, 2) << bad_seat.output;
  EXPECT_NE(bad_seat.output.find("--agent-seat"), std::string::npos) << bad_seat.output;
  EXPECT_NE(bad_seat.output.find("desk"), std::string::npos) << bad_seat.output;

  const auto bad_bind = run_msgsim("serve " + kScenario + " --port 0 --bind localhost.example");
  EXPECT_EQ(bad_bind.exit_code, 2) << bad_bind.output;
  EXPECT_NE(bad_bind.output.find("--bind"), std::string::npos) << bad_bind.output;

  const auto bad_speed = run_msgsim("serve " + kScenario + " --speed 0");
  EXPECT_EQ(bad_speed.exit_code, 2) << bad_speed.output;
  EXPECT_NE(bad_speed.output.find("--speed"), std::string::npos) << bad_speed.output;

  const auto missing = run_msgsim("serve no-such-file.json");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

// A port another server holds is refused with exit 2, naming the address.
TEST(ServeCommand, PortTakenExits2) {
  boost::asio::io_context io;
  HttpServer holder(io);
  ASSERT_TRUE(holder.start().is_ok());
  const auto taken = run_msgsim("serve " + kScenario + " --port " + std::to_string(holder.port()));
  EXPECT_EQ(taken.exit_code, 2) << taken.output;
  EXPECT_NE(taken.output.find(std::to_string(holder.port())), std::string::npos) << taken.output;
}

// SIGINT ends the session cleanly: exit 0 and report.json in --out, built as
// `msgsim run` builds it.
TEST(ServeCommand, SigintWritesTheReportAndExits0) {
  const std::string out = msgsim::testing::fresh_temp_dir("serve-sigint");
  const std::string log = out + "/stdout.txt";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    FILE* redirected = std::freopen(log.c_str(), "w", stdout);
    if (redirected == nullptr) _exit(120);
    execl(MSGSIM_BINARY, "msgsim", "serve", kScenario.c_str(), "--port", "0", "--speed", "30", "--out",
          (out + "/report").c_str(), static_cast<char*>(nullptr));
    _exit(121);
  }
  // Wait for the banner, so the signal comes once the session serves.
  for (int i = 0; i < 200 && msgsim::testing::read_file(log).find("Ctrl-C") == std::string::npos; ++i) usleep(50'000);
  ASSERT_NE(msgsim::testing::read_file(log).find("console:  http://127.0.0.1:"), std::string::npos);
  usleep(500'000);
  kill(child, SIGINT);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by a signal";
  EXPECT_EQ(WEXITSTATUS(status), 0) << msgsim::testing::read_file(log);
  const nlohmann::json report = nlohmann::json::parse(msgsim::testing::read_file(out + "/report/report.json"));
  EXPECT_EQ(report["format"], "msgsim-report/1");
  EXPECT_EQ(report["host"]["live"]["speed"], 30);
  EXPECT_GT(report["sim"]["end_s"].get<double>(), 0);
  EXPECT_EQ(report["metrics"]["messages"]["lost"], 0);
}

}  // namespace
}  // namespace msgsim::live
