// `--format` parsing: the six names and strict refusal of anything else.
#include "reports/report_formats.h"

#include <gtest/gtest.h>

namespace msgsim::reports {
namespace {

using runtime::StatusCode;

// The default "json" asks for report.json only, which is always written anyway.
TEST(ReportFormats, JsonAloneAddsNoExtraFile) {
  runtime::Result<ReportFormats> formats = parse_report_formats("json");
  ASSERT_TRUE(formats.is_ok()) << formats.status().message();
  EXPECT_TRUE(requested_report_files(formats.value()).empty());
}

// Every documented name turns on its file, listed in a fixed order.
TEST(ReportFormats, EveryDocumentedNameSelectsItsFile) {
  runtime::Result<ReportFormats> formats = parse_report_formats("json,junit,html,md,csv");
  ASSERT_TRUE(formats.is_ok()) << formats.status().message();
  EXPECT_TRUE(formats.value().junit);
  EXPECT_TRUE(formats.value().html);
  EXPECT_TRUE(formats.value().markdown);
  EXPECT_TRUE(formats.value().csv);
  EXPECT_EQ(requested_report_files(formats.value()),
            (std::vector<std::string>{"junit.xml", "report.html", "summary.md", "timeseries.csv"}));
}

// Order, repetition and spaces around items do not matter; json need not be named.
TEST(ReportFormats, OrderRepetitionAndSpacesDoNotMatter) {
  runtime::Result<ReportFormats> formats = parse_report_formats(" csv , md,csv ");
  ASSERT_TRUE(formats.is_ok()) << formats.status().message();
  EXPECT_EQ(requested_report_files(formats.value()), (std::vector<std::string>{"summary.md", "timeseries.csv"}));
}

// An unknown name is invalid input naming the item and every valid name.
TEST(ReportFormats, UnknownNameIsInvalidInputNamingItAndTheValidNames) {
  for (const char* text : {"nope", "json,xml", "JSON", "markdown"}) {
    runtime::Result<ReportFormats> formats = parse_report_formats(text);
    ASSERT_FALSE(formats.is_ok()) << text;
    EXPECT_EQ(formats.status().code(), StatusCode::kInvalidInput) << text;
    const std::string& message = formats.status().message();
    EXPECT_NE(message.find("json, junit, html, md, csv, trace"), std::string::npos) << message;
  }
  EXPECT_NE(parse_report_formats("json,xml").status().message().find("\"xml\""), std::string::npos);
}

// An empty item (empty value, doubled or trailing comma) is invalid input, not ignored.
TEST(ReportFormats, EmptyItemIsInvalidInput) {
  for (const char* text : {"", "json,,md", "json,", ",json", " "}) {
    runtime::Result<ReportFormats> formats = parse_report_formats(text);
    ASSERT_FALSE(formats.is_ok()) << '"' << text << '"';
    EXPECT_EQ(formats.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(formats.status().message().find("empty item"), std::string::npos) << formats.status().message();
  }
}

// "trace" selects the streamed trace.jsonl, listed last, without turning on any other file.
TEST(ReportFormats, TraceSelectsTheStreamedTraceFile) {
  runtime::Result<ReportFormats> formats = parse_report_formats("json,trace,html");
  ASSERT_TRUE(formats.is_ok()) << formats.status().message();
  EXPECT_TRUE(formats.value().trace);
  EXPECT_FALSE(formats.value().junit);
  EXPECT_EQ(requested_report_files(formats.value()), (std::vector<std::string>{"report.html", "trace.jsonl"}));
  EXPECT_TRUE(requested_report_files(parse_report_formats("json").value()).empty());
}

}  // namespace
}  // namespace msgsim::reports
