// Personal data in report free text: phone numbers keep their last 4 digits,
// e-mail addresses their first character and domain, quoted message texts
// become their length; times, ids and short numbers stay readable; masking
// is deterministic and idempotent; only free-text report fields change.
#include "reports/pii_mask.h"

#include <gtest/gtest.h>

namespace msgsim::reports {
namespace {

using Json = nlohmann::ordered_json;

// Phone numbers in any common notation keep their last four digits, one star per hidden digit.
TEST(PiiMask, PhoneNumbersKeepTheirLastFourDigits) {
  EXPECT_EQ(mask_pii("call +1 (555) 010-0123 now"), "call +*******0123 now");
  EXPECT_EQ(mask_pii("handle 15550100123"), "handle +*******0123");
  EXPECT_EQ(mask_pii("+44 20 7946 0958."), "+********0958.");
  EXPECT_EQ(mask_pii("5550123"), "+***0123");
}

// Times, counts, ids and runs of fewer than 7 digits are not phone numbers.
TEST(PiiMask, TimesIdsAndShortNumbersStay) {
  const std::string text = "t=5301.0 routed to agent-1 after 42.0 s (c-1042, 123456 events, v2026001x)";
  EXPECT_EQ(mask_pii(text), text);
}

// E-mail addresses keep their first character and their domain.
// A measured figure with a long fraction is a number, not a phone.
TEST(PiiMask, DecimalFiguresStay) {
  EXPECT_EQ(mask_pii("routing.latency_s.p95 = 2525.440048123, expected max 30.0"),
            "routing.latency_s.p95 = 2525.440048123, expected max 30.0");
  EXPECT_EQ(mask_pii("mean 0.4155550123 s"), "mean 0.4155550123 s");
  EXPECT_EQ(mask_pii("call +1 415 555 0123."), "call +*******0123.");
}

TEST(PiiMask, EmailAddressesKeepFirstCharacterAndDomain) {
  EXPECT_EQ(mask_pii("from alice.smith@example.com."), "from a***@example.com.");
  EXPECT_EQ(mask_pii("b@mail.example.org"), "b***@mail.example.org");
  EXPECT_EQ(mask_pii("not @ an address, nor x@localhost"), "not @ an address, nor x@localhost");
}

// A quoted message text becomes its length in characters, without repeating "text".
TEST(PiiMask, QuotedMessageTextsBecomeTheirLength) {
  EXPECT_EQ(mask_pii("t=5400.2 outbound text \"Your parcel is on its way\" (refused by provider)"),
            "t=5400.2 outbound text (25 chars) (refused by provider)");
  EXPECT_EQ(mask_pii("sent \"Where is my parcel?\" on sms-us"), "sent text (19 chars) on sms-us");
  EXPECT_EQ(mask_pii("sent \"caf\xC3\xA9\""), "sent text (4 chars)");  // code points, not bytes
  EXPECT_EQ(mask_pii("an unpaired \" quote"), "an unpaired \" quote");
}

// A phone number or address inside a quoted message goes with the message.
TEST(PiiMask, PersonalDataInsideQuotesIsNotLeftOver) {
  EXPECT_EQ(mask_pii("text \"call me on +15550100123 or a@b.com\""), "text (34 chars)");
}

// Masking is a function of the text: the same output every time, and masking masked text changes nothing.
TEST(PiiMask, DeterministicAndIdempotent) {
  const std::string text = "sent \"hi\" from +1 555 010 0123 and zoe@example.com at t=90.0 s";
  const std::string once = mask_pii(text);
  EXPECT_EQ(mask_pii(text), once);
  EXPECT_EQ(mask_pii(once), once);
  EXPECT_EQ(once, "sent text (2 chars) from +*******0123 and z***@example.com at t=90.0 s");
}

// In a report, evidence, step details and expectation details are masked; metrics and ids are not.
TEST(PiiMask, ReportMaskingTouchesOnlyFreeText) {
  Json report = {
      {"metrics", {{"consent", {{"outbound_checked", 15550100123}}}}},
      {"expectations", Json::array({{{"metric", "consent.violations"}, {"detail", "seen 5550100123"}}})},
      {"scripts", Json::array({{{"id", "alice"}, {"steps", Json::array({{{"index", 1}, {"detail", "sent \"hi\""}}})}}})},
      {"violations", Json::array({{{"kind", "after_opt_out"}, {"t_s", 5400.2}, {"customer", "c-1042"},
                                   {"evidence", {"t=5301.0 inbound STOP", "t=5400.2 outbound text \"call 5550100123\""}}}})},
  };
  mask_report_pii(report);
  EXPECT_EQ(report["metrics"]["consent"]["outbound_checked"], 15550100123);
  EXPECT_EQ(report["expectations"][0]["detail"], "seen +******0123");
  EXPECT_EQ(report["scripts"][0]["steps"][0]["detail"], "sent text (2 chars)");
  EXPECT_EQ(report["violations"][0]["evidence"][0], "t=5301.0 inbound STOP");
  EXPECT_EQ(report["violations"][0]["evidence"][1], "t=5400.2 outbound text (15 chars)");
  EXPECT_EQ(report["violations"][0]["customer"], "c-1042");
}

}  // namespace
}  // namespace msgsim::reports
