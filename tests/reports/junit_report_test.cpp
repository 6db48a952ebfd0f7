// junit.xml: one suite per run, one testcase per expectation and script
// step, counts that match, and XML that stays well-formed whatever the
// scenario's names and details contain.
#include "reports/junit_report.h"

#include <gtest/gtest.h>

#include <cctype>

namespace msgsim::reports {
namespace {

using Json = nlohmann::ordered_json;

Json report_with(Json expectations, Json scripts) {
  return Json{{"format", "msgsim-report/1"},
              {"scenario", {{"name", "demo"}, {"file", "scenarios/demo.json"}}},
              {"seed", 42},
              {"replications", 1},
              {"outcome", "fail"},
              {"expectations", std::move(expectations)},
              {"scripts", std::move(scripts)},
              {"replay", "msgsim run scenarios/demo.json --seed 42"},
              {"host", {{"wall_s", 1.25}}}};
}

Json expectation(const std::string& metric, const std::string& op, bool passed, const std::string& detail = "") {
  Json item{{"metric", metric}, {"op", op}, {"threshold", 120.0}, {"actual", 31.5}, {"passed", passed}};
  if (!detail.empty()) item["detail"] = detail;
  return item;
}

bool valid_reference(const std::string& xml, std::size_t at) {
  const std::size_t end = xml.find(';', at);
  if (end == std::string::npos || end - at > 10) return false;
  const std::string name = xml.substr(at + 1, end - at - 1);
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") return true;
  if (name.size() < 2 || name[0] != '#') return false;
  for (std::size_t i = 1; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

// Checks `name="value" ...` inside a start tag; returns the first problem or "".
std::string attribute_problem(const std::string& xml, std::size_t from, std::size_t to) {
  std::size_t i = from;
  while (true) {
    while (i < to && xml[i] == ' ') ++i;
    if (i >= to) return "";
    const std::size_t equals = xml.find('=', i);
    if (equals == std::string::npos || equals >= to || xml[equals + 1] != '"') return "attribute without =\"";
    const std::size_t close = xml.find('"', equals + 2);
    if (close == std::string::npos || close >= to) return "unterminated attribute value";
    for (std::size_t k = equals + 2; k < close; ++k) {
      if (xml[k] == '<') return "raw < in attribute";
      if (xml[k] == '&' && !valid_reference(xml, k)) return "bad reference in attribute";
    }
    i = close + 1;
  }
}

// A small XML 1.0 well-formedness check covering what the writer may emit
// (prolog, elements, double-quoted attributes, text with references): the
// first problem, or "" when well-formed.
std::string xml_problem(const std::string& xml) {
  if (xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) != 0) return "missing prolog";
  std::vector<std::string> open;
  bool root_seen = false;
  for (std::size_t i = xml.find("?>") + 2; i < xml.size();) {
    const char c = xml[i];
    if (c != '<') {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') return "control character";
      if (open.empty() && c != '\n' && c != ' ') return "text outside the root";
      if (c == '&' && !valid_reference(xml, i)) return "bad reference in text";
      ++i;
      continue;
    }
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    const bool closing = xml[i + 1] == '/';
    const bool empty = xml[end - 1] == '/';
    const std::size_t name_start = i + (closing ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < end && (std::isalnum(static_cast<unsigned char>(xml[name_end])) || xml[name_end] == '.')) ++name_end;
    const std::string name = xml.substr(name_start, name_end - name_start);
    if (name.empty()) return "tag without a name";
    if (closing) {
      if (open.empty() || open.back() != name) return "mismatched </" + name + ">";
      open.pop_back();
    } else {
      if (open.empty() && root_seen) return "second root element";
      root_seen = true;
      const std::string problem = attribute_problem(xml, name_end, empty ? end - 1 : end);
      if (!problem.empty()) return "<" + name + ">: " + problem;
      if (!empty) open.push_back(name);
    }
    i = end + 1;
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return root_seen ? "" : "no root element";
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// The checker itself rejects the mistakes it exists to catch.
TEST(JunitReport, WellFormednessCheckRejectsBrokenXml) {
  const std::string prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  EXPECT_EQ(xml_problem(prolog + "<a><b/></a>\n"), "");
  EXPECT_NE(xml_problem(prolog + "<a><b></a>\n"), "");
  EXPECT_NE(xml_problem(prolog + "<a x=\"1 < 2\"/>\n"), "");
  EXPECT_NE(xml_problem(prolog + "<a>Q&A</a>\n"), "");
  EXPECT_NE(xml_problem(prolog + "<a/><b/>\n"), "");
}

// One testcase per expectation and per script step; suite and root counts agree with them.
TEST(JunitReport, CountsOneTestcasePerExpectationAndScriptStep) {
  const Json scripts = Json::array({{{"id", "alice"}, {"passed", false},
                                     {"steps", Json::array({{{"index", 1}, {"passed", true}, {"detail", "routed"}},
                                                            {{"index", 2}, {"passed", false}, {"detail", "no reply"}}})}}});
  const std::string xml = render_junit_xml(report_with(
      Json::array({expectation("messages.lost", "max", true), expectation("routing.latency_s.p95", "max", false)}),
      scripts));
  ASSERT_EQ(xml_problem(xml), "") << xml;
  EXPECT_EQ(count(xml, "<testsuite "), 1u);
  EXPECT_EQ(count(xml, "<testcase "), 4u);
  EXPECT_EQ(count(xml, "<failure "), 2u);
  EXPECT_NE(xml.find("<testsuite name=\"demo\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"0\" time=\"1.250\">"),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuites name=\"msgsim\" tests=\"4\" failures=\"2\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("classname=\"msgsim.demo.expect\" name=\"messages.lost max\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("classname=\"msgsim.demo.script.alice\" name=\"step 2\">"), std::string::npos) << xml;
}

// A failed expectation carries its detail, or else the measured value against the threshold.
TEST(JunitReport, FailedExpectationCarriesItsDetail) {
  const std::string with_detail = render_junit_xml(report_with(
      Json::array({expectation("routing.latency_s.p95", "max", false, "p95 = 130, expected max 120")}), Json::array()));
  EXPECT_NE(with_detail.find("<failure type=\"msgsim.failure\" message=\"p95 = 130, expected max 120\">"),
            std::string::npos) << with_detail;
  const std::string without_detail = render_junit_xml(
      report_with(Json::array({expectation("routing.latency_s.p95", "max", false)}), Json::array()));
  EXPECT_NE(without_detail.find("message=\"routing.latency_s.p95 = 31.500000, max 120.000000\""), std::string::npos)
      << without_detail;
}

// Markup, quotes, line breaks and control characters in names and details stay data, never markup.
TEST(JunitReport, MarkupInNamesAndDetailsIsEscaped) {
  Json report = report_with(Json::array({expectation("a<b>&\"c\"", "max", false, "x </failure> 'y'\nz\x01")}),
                            Json::array());
  report["scenario"]["name"] = "we<ird & \"name\"";
  report["replay"] = "msgsim run 'a b.json' --seed 1";
  const std::string xml = render_junit_xml(report);
  ASSERT_EQ(xml_problem(xml), "") << xml;
  EXPECT_NE(xml.find("<testsuite name=\"we&lt;ird &amp; &quot;name&quot;\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("classname=\"msgsim.we&lt;ird &amp; &quot;name&quot;.expect\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("message=\"x &lt;/failure&gt; &apos;y&apos;&#10;z?\""), std::string::npos) << xml;
  EXPECT_EQ(count(xml, "</failure>"), 1u);
}

// xml_escape maps every markup character, keeps whitespace through attribute normalization, and keeps UTF-8.
TEST(JunitReport, XmlEscapeCoversMarkupWhitespaceAndControlCharacters) {
  EXPECT_EQ(xml_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
  EXPECT_EQ(xml_escape("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
  EXPECT_EQ(xml_escape(std::string("x\0y\x1b\x7f", 5)), "x?y??");
  EXPECT_EQ(xml_escape("caf\xc3\xa9 \xe2\x9c\x93"), "caf\xc3\xa9 \xe2\x9c\x93");
}

// A run with neither expectations nor scripts still reports one testcase with its outcome.
TEST(JunitReport, RunWithoutChecksStillHasOneTestcase) {
  Json report = report_with(Json::array(), Json::array());
  report["outcome"] = "pass";
  const std::string xml = render_junit_xml(report);
  ASSERT_EQ(xml_problem(xml), "") << xml;
  EXPECT_EQ(count(xml, "<testcase "), 1u);
  EXPECT_NE(xml.find("<testcase classname=\"msgsim.demo\" name=\"run\"/>"), std::string::npos) << xml;
}

// A failed script whose steps all passed (or that has none) still fails one testcase.
TEST(JunitReport, FailedScriptWithoutFailedStepStillFails) {
  const Json scripts = Json::array({{{"id", "bob"}, {"passed", false},
                                     {"steps", Json::array({{{"index", 1}, {"passed", true}, {"detail", "ok"}}})}},
                                    {{"id", "carol"}, {"passed", true}, {"steps", Json::array()}}});
  const std::string xml = render_junit_xml(report_with(Json::array(), scripts));
  ASSERT_EQ(xml_problem(xml), "") << xml;
  EXPECT_EQ(count(xml, "<testcase "), 3u);
  EXPECT_EQ(count(xml, "<failure "), 1u);
  EXPECT_NE(xml.find("classname=\"msgsim.demo.script.bob\" name=\"script\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("classname=\"msgsim.demo.script.carol\" name=\"script\"/>"), std::string::npos) << xml;
}

}  // namespace
}  // namespace msgsim::reports
