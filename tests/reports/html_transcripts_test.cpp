// report.html's "Sampled conversations": each sampled conversation of the
// report's `transcripts` key as an article with a customer view and an agent
// view (linked messages of the contact's other channels marked), personal
// data in message texts masked as the rest of the report is unless the run
// asked for it (--show-pii), and message texts that cannot break the page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reports/html_report.h"
#include "reports/pii_mask.h"
#include "sim/harness/transcripts.h"

namespace msgsim::reports {
namespace {

using Json = nlohmann::ordered_json;
using harness::AgentViewLine;
using harness::CustomerViewLine;

constexpr const char* kPhone = "+1 (415) 555-0123";
constexpr const char* kMaskedPhone = "+*******0123";

std::vector<harness::SampledConversation> sample_transcripts() {
  harness::SampledConversation sms;
  sms.channel = "sms-us";
  sms.customer = "c-4";
  sms.sessions = {2, 9};
  sms.linked_channels = {"wa"};
  sms.transfer = true;
  sms.customer_view = {
      {60.0, CustomerViewLine::Kind::kSent, std::string("Call me on ") + kPhone + " please"},
      {63.5, CustomerViewLine::Kind::kReceived, "Thanks, an agent will be with you shortly."},
      {95.0, CustomerViewLine::Kind::kReceived, "Sure, calling alice@example.com's number now <script>x</script>"}};
  sms.customer_view_omitted = 3;
  sms.agent_view = {{30.0, 1, "wa", "customer", "Earlier on WhatsApp", true},
                    {60.3, 2, "sms-us", "system", "session 2 started (the customer wrote)", false},
                    {60.3, 2, "sms-us", "customer", std::string("Call me on ") + kPhone + " please", false},
                    {62.0, 2, "sms-us", "system", "accepted by agent-1", false},
                    {80.0, 2, "sms-us", "system", "transferred by agent-1 to queue tier2", false}};
  harness::SampledConversation web;
  web.channel = "web";
  web.customer = "c-7";
  web.sessions = {3};
  web.customer_view = {{70.0, CustomerViewLine::Kind::kSent, "Hello"},
                       {72.0, CustomerViewLine::Kind::kAgentJoined, ""}};
  web.agent_view = {{70.2, 3, "web", "customer", "Hello", false}};
  return {sms, web};
}

Json report_with(const std::vector<harness::SampledConversation>& transcripts, bool show_pii) {
  Json report = {{"format", "msgsim-report/1"},
                 {"scenario", {{"name", "transcripts-demo"}, {"file", "x.json"}}},
                 {"seed", 1},
                 {"outcome", "pass"},
                 {"metrics", harness::Metrics().to_json()},
                 {"expectations", Json::array()},
                 {"transcripts", harness::transcripts_json(transcripts)}};
  if (!show_pii) mask_report_pii(report);
  return report;
}

std::string render(const Json& report) {
  const harness::Metrics metrics;
  return render_html_report(HtmlReportInput{report, metrics, "/* no charts */"});
}

// The text of the element opened by `open` up to its matching `close`, which must not nest.
std::string element(const std::string& html, const std::string& open, const std::string& close) {
  const std::size_t start = html.find(open);
  if (start == std::string::npos) return "";
  const std::size_t end = html.find(close, start);
  return html.substr(start, end == std::string::npos ? std::string::npos : end + close.size() - start);
}

std::vector<std::string> all_elements(const std::string& html, const std::string& open, const std::string& close) {
  std::vector<std::string> out;
  for (std::size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    out.push_back(element(html.substr(at), open, close));
  }
  return out;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// One article per conversation, each with a customer view and an agent view holding one row per line.
TEST(HtmlTranscripts, EachConversationHasBothViews) {
  const std::string html = render(report_with(sample_transcripts(), false));
  const std::string section = element(html, "<section id=\"transcripts\">", "</section>");
  ASSERT_FALSE(section.empty());
  EXPECT_NE(section.find("<h2>Sampled conversations</h2>"), std::string::npos);
  const std::vector<std::string> articles = all_elements(section, "<article class=\"transcript\"", "</article>");
  ASSERT_EQ(articles.size(), 2u);
  for (const std::string& article : articles) {
    const std::string customer = element(article, "<div class=\"view customer-view\">", "</table>");
    const std::string agent = element(article, "<div class=\"view agent-view\">", "</table>");
    ASSERT_FALSE(customer.empty()) << article;
    ASSERT_FALSE(agent.empty()) << article;
    EXPECT_NE(customer.find("Customer view"), std::string::npos);
    EXPECT_NE(agent.find("Agent view"), std::string::npos);
  }
  const std::string& sms = articles[0];
  EXPECT_NE(sms.find("c-4 on sms-us"), std::string::npos);
  EXPECT_NE(sms.find("sessions 2, 9 · linked with wa · transfer"), std::string::npos) << sms;
  EXPECT_EQ(count(element(sms, "<div class=\"view customer-view\">", "</table>"), "<tr class="), 3u);
  EXPECT_EQ(count(element(sms, "<div class=\"view agent-view\">", "</table>"), "<tr class="), 5u);
  EXPECT_NE(sms.find("3 more lines were not kept"), std::string::npos);
  // The WhatsApp message of the same contact is marked as linked; routing events as system rows.
  EXPECT_NE(sms.find("<tr class=\"linked\"><td>30.0</td><td>1</td><td class=\"detail\">wa (linked)</td>"),
            std::string::npos)
      << sms;
  EXPECT_EQ(count(sms, "<tr class=\"system\">"), 3u);
  EXPECT_NE(articles[1].find("(an agent joined)"), std::string::npos);
}

// By default phone numbers and e-mail addresses in message texts are masked in both views; the words stay.
TEST(HtmlTranscripts, PersonalDataIsMaskedByDefault) {
  const Json report = report_with(sample_transcripts(), false);
  const std::string section = element(render(report), "<section id=\"transcripts\">", "</section>");
  EXPECT_EQ(section.find("555-0123"), std::string::npos);
  EXPECT_EQ(section.find("alice@"), std::string::npos);
  const std::string customer = element(section, "<div class=\"view customer-view\">", "</table>");
  const std::string agent = element(section, "<div class=\"view agent-view\">", "</table>");
  EXPECT_NE(customer.find(std::string("Call me on ") + kMaskedPhone + " please"), std::string::npos) << customer;
  EXPECT_NE(agent.find(std::string("Call me on ") + kMaskedPhone + " please"), std::string::npos) << agent;
  EXPECT_NE(customer.find("a***@example.com"), std::string::npos) << customer;
  // report.json holds the same masked texts as the page.
  EXPECT_EQ(report["transcripts"][0]["customer_view"][0]["text"],
            std::string("Call me on ") + kMaskedPhone + " please");
}

// With --show-pii (no masking) the texts appear as written.
TEST(HtmlTranscripts, ShowPiiKeepsTheTexts) {
  const std::string section =
      element(render(report_with(sample_transcripts(), true)), "<section id=\"transcripts\">", "</section>");
  EXPECT_NE(section.find(std::string("Call me on ") + kPhone + " please"), std::string::npos);
  EXPECT_EQ(section.find(kMaskedPhone), std::string::npos);
}

// A message text is escaped: it cannot open an element or end the page's script.
TEST(HtmlTranscripts, MessageTextsAreEscaped) {
  const std::string html = render(report_with(sample_transcripts(), true));
  EXPECT_EQ(html.find("<script>x</script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
}

// An empty sample says why; a report without the key (an older report) has no section.
TEST(HtmlTranscripts, EmptyOrAbsentSample) {
  const std::string empty = render(report_with({}, false));
  EXPECT_NE(element(empty, "<section id=\"transcripts\">", "</section>").find("No conversation to show"),
            std::string::npos);
  Json without = report_with({}, false);
  without.erase("transcripts");
  EXPECT_EQ(render(without).find("<section id=\"transcripts\">"), std::string::npos);
}

}  // namespace
}  // namespace msgsim::reports
