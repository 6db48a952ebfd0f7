// junit.xml: the report's checks as JUnit test results, in the dialect that
// Jenkins (junit plugin) and GitLab (artifacts:reports:junit) both read. One
// <testsuite> per scenario run; one <testcase> per expectation and one per
// script step. Built from report.json's content alone, so it always agrees
// with it. Pure functions; any thread may call them.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace msgsim::reports {

// The junit.xml document for `report` (the object build_report returns).
// Suite: name = scenario name, time = host.wall_s. Expectations are testcases
// with classname "msgsim.<scenario>.expect" and name "<metric> <op>"; script
// steps have classname "msgsim.<scenario>.script.<id>" and name "step <index>".
// A run with no expectation and no script gets one "run" testcase carrying
// the outcome, because CI tools treat a suite without testcases as an error.
std::string render_junit_xml(const nlohmann::ordered_json& report);

// `text` made safe for XML 1.0 text and double-quoted attributes: the five
// markup characters become entities, tab/newline/carriage return become
// character references (attribute normalization would turn them into spaces),
// and other control characters, which XML 1.0 cannot carry, become '?'.
std::string xml_escape(std::string_view text);

}  // namespace msgsim::reports
