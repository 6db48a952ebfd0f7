// `--format` parsing: the five names, strict refusal of anything else, and
// trace refused as not built yet rather than skipped.
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
    EXPECT_NE(message.find("json, junit, html, md, csv"), std::string::npos) << message;
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

// "trace" is a known name whose file is not built yet: refused as unsupported, never silently skipped.
TEST(ReportFormats, TraceIsRefusedAsNotSupportedYet) {
  runtime::Result<ReportFormats> formats = parse_report_formats("json,trace,html");
  ASSERT_FALSE(formats.is_ok());
  EXPECT_EQ(formats.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(formats.status().message().find("trace.jsonl is not supported yet"), std::string::npos)
      << formats.status().message();
}

}  // namespace
}  // namespace msgsim::reports
