// `msgsim run --live`: the scenario runs paced against the wall clock and the
// report gains host.live with the routing-decision latency.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/scenarios/cli_runner.h"

namespace msgsim::testing {
namespace {

// A short scenario at 1000x runs live, passes, and reports host.live with
// samples whose quantiles are ordered; the simulated part of the report is
// filled as in a normal run.
TEST(LiveRun, ReportsHostLiveFigures) {
  const std::string out = fresh_temp_dir("live-run");
  const std::string file = source_path("tests/scenarios/fixtures/live-short.json");
  CliResult result = run_msgsim("run " + file + " --live --speed 1000 --quiet --out " + out);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json report = nlohmann::json::parse(read_file(out + "/report.json"));
  ASSERT_TRUE(report["host"].contains("live")) << report["host"].dump();
  const nlohmann::json& live = report["host"]["live"];
  EXPECT_EQ(live["speed"].get<double>(), 1000.0);
  // 20 simulated minutes at 1000x cannot take less than 1.2 s of wall time.
  EXPECT_GE(live["wall_s"].get<double>(), 1.2);
  EXPECT_GE(live["lag_max_ms"].get<double>(), 0.0);
  const nlohmann::json& latency = live["latency_ms"];
  EXPECT_GT(latency["count"].get<std::uint64_t>(), 0u);
  EXPECT_LE(latency["p50"].get<double>(), latency["p99"].get<double>());
  EXPECT_LE(latency["p99"].get<double>(), latency["max"].get<double>());
  EXPECT_LE(live["added_ms"]["p50"].get<double>(), live["added_ms"]["p99"].get<double>());
  EXPECT_EQ(report["replications"].get<int>(), 1);
  EXPECT_GT(report["metrics"]["routing"]["requests"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(report["metrics"]["messages"]["lost"].get<std::uint64_t>(), 0u);
  EXPECT_NE(report["replay"].get<std::string>().find("--live --speed 1000"), std::string::npos);
}

// --speed needs --live, must be positive, and --live runs one replication.
TEST(LiveRun, RefusesBadLiveOptions) {
  const std::string file = source_path("tests/scenarios/fixtures/live-short.json");
  CliResult speed_alone = run_msgsim("run " + file + " --speed 10");
  EXPECT_EQ(speed_alone.exit_code, 2);
  EXPECT_NE(speed_alone.output.find("--live"), std::string::npos) << speed_alone.output;
  CliResult zero = run_msgsim("run " + file + " --live --speed 0");
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.output.find("speed"), std::string::npos) << zero.output;
  CliResult replications = run_msgsim("run " + file + " --live --replications 3");
  EXPECT_EQ(replications.exit_code, 2);
  EXPECT_NE(replications.output.find("replications"), std::string::npos) << replications.output;
}

}  // namespace
}  // namespace msgsim::testing
