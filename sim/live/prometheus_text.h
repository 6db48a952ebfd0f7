// A writer of the Prometheus text exposition format (version 0.0.4), the body
// of a /metrics answer:
//
//   # HELP msgsim_messages_total Customer messages accepted.
//   # TYPE msgsim_messages_total counter
//   msgsim_messages_total{channel="sms-us"} 42
//
// Samples are written family by family: family() writes the HELP and TYPE
// lines, then sample() / summary() / histogram() write that family's lines.
// Label values and HELP texts are escaped as the format asks (backslash,
// double quote in label values, newline), so any text (a channel id from a
// scenario) is safe in them. Metric and label names come from code: an invalid
// one is a programmer error (a failed check), as are a family declared twice
// and samples of a kind the current family's type does not have.
// A value type; not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace msgsim::live {

enum class PrometheusType { kCounter, kGauge, kSummary, kHistogram, kUntyped };

struct PrometheusLabel {
  std::string name;
  std::string value;
};
using PrometheusLabels = std::vector<PrometheusLabel>;

struct PrometheusQuantile {
  double quantile = 0.0;  // in [0, 1]
  double value = 0.0;
};

struct PrometheusBucket {
  double upper_bound = 0.0;             // the bucket's `le`; +Inf is added by histogram()
  std::uint64_t cumulative_count = 0;  // samples <= upper_bound
};

class PrometheusText {
 public:
  // The Content-Type of a text exposition.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // Starts the family `name`: its HELP and TYPE lines. REQUIRES: `name` is a
  // valid metric name not declared before in this text.
  void family(std::string_view name, std::string_view help, PrometheusType type);
  // One sample of the current family: `name{labels} value`.
  // REQUIRES: the current family is a counter, gauge or untyped.
  void sample(const PrometheusLabels& labels, double value);
  // A summary's series for `labels`: one line per quantile, then _sum and
  // _count. REQUIRES: the current family is a summary; no label is "quantile".
  void summary(const PrometheusLabels& labels, std::span<const PrometheusQuantile> quantiles, double sum,
               std::uint64_t count);
  // A histogram's series for `labels`: one _bucket line per bucket in
  // increasing `le`, the +Inf bucket (= count), then _sum and _count.
  // REQUIRES: the current family is a histogram; no label is "le"; bounds
  // increase and cumulative counts do not decrease and stay <= count.
  void histogram(const PrometheusLabels& labels, std::span<const PrometheusBucket> buckets, double sum,
                 std::uint64_t count);

  // A family with one unlabelled sample.
  void counter(std::string_view name, std::string_view help, double value);
  void gauge(std::string_view name, std::string_view help, double value);

  const std::string& text() const { return text_; }
  std::string take() { return std::move(text_); }

 private:
  void write_series(std::string_view suffix, const PrometheusLabels& labels, const PrometheusLabel* extra,
                    std::string_view value);

  std::string text_;
  std::string family_;  // the current family's name
  PrometheusType type_ = PrometheusType::kUntyped;
  std::vector<std::string> declared_;
};

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool valid_metric_name(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved).
bool valid_label_name(std::string_view name);
// A label value with \ " and newline escaped.
std::string escape_label_value(std::string_view value);
// A HELP text with \ and newline escaped.
std::string escape_help(std::string_view help);
// A sample value: shortest round-trip decimal, "+Inf", "-Inf" or "NaN".
std::string format_sample_value(double value);

}  // namespace msgsim::live
