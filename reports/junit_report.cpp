#include "reports/junit_report.h"

#include <charconv>
#include <vector>

namespace msgsim::reports {

namespace {

using Json = nlohmann::ordered_json;

struct TestCase {
  std::string classname;
  std::string name;
  bool passed = true;
  std::string failure_message;  // only when failed
};

// Locale-independent fixed formatting (to_chars ignores the C locale).
std::string fixed(double value, int digits) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
  return std::string(buffer, result.ptr);
}

std::string number_text(const Json& value) {
  if (value.is_number_float()) return fixed(value.get<double>(), 6);
  if (value.is_null()) return "missing";
  return value.dump();
}

std::string string_or(const Json& object, const char* key, const std::string& fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

bool flag_or(const Json& object, const char* key, bool fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->is_boolean() ? found->get<bool>() : fallback;
}

std::vector<TestCase> expectation_cases(const Json& report, const std::string& scenario) {
  std::vector<TestCase> cases;
  for (const Json& expectation : report.value("expectations", Json::array())) {
    TestCase test;
    test.classname = "msgsim." + scenario + ".expect";
    const std::string metric = string_or(expectation, "metric", "?");
    const std::string op = string_or(expectation, "op", "?");
    test.name = metric + " " + op;
    test.passed = flag_or(expectation, "passed", false);
    if (!test.passed) {
      const std::string measured = metric + " = " + number_text(expectation.value("actual", Json())) + ", " + op +
                                   " " + number_text(expectation.value("threshold", Json()));
      test.failure_message = string_or(expectation, "detail", measured);
    }
    cases.push_back(std::move(test));
  }
  return cases;
}

// One testcase per step; a script whose failure no step shows still fails
// one testcase, so a failed script never reads as green.
std::vector<TestCase> script_cases(const Json& report, const std::string& scenario) {
  std::vector<TestCase> cases;
  for (const Json& script : report.value("scripts", Json::array())) {
    const std::string classname = "msgsim." + scenario + ".script." + string_or(script, "id", "?");
    bool step_failed = false;
    for (const Json& step : script.value("steps", Json::array())) {
      TestCase test{classname, "step " + number_text(step.value("index", Json())), flag_or(step, "passed", false), ""};
      if (!test.passed) test.failure_message = string_or(step, "detail", "step failed");
      step_failed = step_failed || !test.passed;
      cases.push_back(std::move(test));
    }
    const bool script_passed = flag_or(script, "passed", false);
    if (script.value("steps", Json::array()).empty() || (!script_passed && !step_failed)) {
      cases.push_back(TestCase{classname, "script", script_passed, script_passed ? "" : "script failed"});
    }
  }
  return cases;
}

void append_testcase(std::string& out, const TestCase& test) {
  out += "    <testcase classname=\"" + xml_escape(test.classname) + "\" name=\"" + xml_escape(test.name) + "\"";
  if (test.passed) {
    out += "/>\n";
    return;
  }
  out += ">\n      <failure type=\"msgsim.failure\" message=\"" + xml_escape(test.failure_message) + "\">" +
         xml_escape(test.failure_message) + "</failure>\n    </testcase>\n";
}

void append_properties(std::string& out, const Json& report) {
  out += "    <properties>\n";
  const auto property = [&out](const std::string& name, const std::string& value) {
    out += "      <property name=\"" + name + "\" value=\"" + xml_escape(value) + "\"/>\n";
  };
  property("seed", number_text(report.value("seed", Json())));
  property("replications", number_text(report.value("replications", Json())));
  property("outcome", string_or(report, "outcome", "?"));
  property("replay", string_or(report, "replay", ""));
  property("scenario.file", string_or(report.value("scenario", Json::object()), "file", ""));
  out += "    </properties>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // Bytes >= 0x80 are UTF-8 sequences and pass through unchanged.
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
  }
  return out;
}

std::string render_junit_xml(const nlohmann::ordered_json& report) {
  const std::string scenario = string_or(report.value("scenario", Json::object()), "name", "scenario");
  std::vector<TestCase> cases = expectation_cases(report, scenario);
  std::vector<TestCase> scripts = script_cases(report, scenario);
  cases.insert(cases.end(), scripts.begin(), scripts.end());
  if (cases.empty()) {
    const bool passed = string_or(report, "outcome", "fail") == "pass";
    cases.push_back(TestCase{"msgsim." + scenario, "run", passed, passed ? "" : "run failed"});
  }
  std::size_t failures = 0;
  for (const TestCase& test : cases) failures += test.passed ? 0 : 1;
  const Json host = report.value("host", Json::object());
  const std::string time = fixed(host.value("wall_s", 0.0), 3);
  const std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"0\" skipped=\"0\" time=\"" + time + "\"";

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"msgsim\" " + counts + ">\n";
  out += "  <testsuite name=\"" + xml_escape(scenario) + "\" " + counts + ">\n";
  append_properties(out, report);
  for (const TestCase& test : cases) append_testcase(out, test);
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace msgsim::reports
