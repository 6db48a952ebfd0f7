#include "sim/live/prometheus_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "sim/runtime/check.h"

namespace msgsim::live {

namespace {

bool name_char(char c, bool first, bool allow_colon) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  const bool digit = c >= '0' && c <= '9';
  return letter || (allow_colon && c == ':') || (!first && digit);
}

bool valid_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0, allow_colon)) return false;
  }
  return true;
}

const char* type_name(PrometheusType type) {
  switch (type) {
    case PrometheusType::kCounter: return "counter";
    case PrometheusType::kGauge: return "gauge";
    case PrometheusType::kSummary: return "summary";
    case PrometheusType::kHistogram: return "histogram";
    case PrometheusType::kUntyped: return "untyped";
  }
  return "untyped";
}

bool has_label(const PrometheusLabels& labels, std::string_view name) {
  return std::any_of(labels.begin(), labels.end(), [&](const PrometheusLabel& label) { return label.name == name; });
}

}  // namespace

bool valid_metric_name(std::string_view name) { return valid_name(name, true); }

bool valid_label_name(std::string_view name) {
  return valid_name(name, false) && !(name.size() >= 2 && name[0] == '_' && name[1] == '_');
}

std::string escape_label_value(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (char c : value) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '"') escaped += "\\\"";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

std::string escape_help(std::string_view help) {
  std::string escaped;
  escaped.reserve(help.size());
  for (char c : help) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

std::string format_sample_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

void PrometheusText::family(std::string_view name, std::string_view help, PrometheusType type) {
  MSGSIM_CHECK_MSG(valid_metric_name(name), "invalid Prometheus metric name");
  MSGSIM_CHECK_MSG(std::find(declared_.begin(), declared_.end(), name) == declared_.end(),
                   "Prometheus metric family declared twice");
  declared_.emplace_back(name);
  family_ = std::string(name);
  type_ = type;
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  text_ += escape_help(help);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += type_name(type);
  text_ += '\n';
}

void PrometheusText::write_series(std::string_view suffix, const PrometheusLabels& labels,
                                  const PrometheusLabel* extra, std::string_view value) {
  text_ += family_;
  text_ += suffix;
  if (!labels.empty() || extra != nullptr) {
    text_ += '{';
    bool first = true;
    auto write_label = [&](const PrometheusLabel& label) {
      MSGSIM_CHECK_MSG(valid_label_name(label.name), "invalid Prometheus label name");
      if (!first) text_ += ',';
      first = false;
      text_ += label.name;
      text_ += "=\"";
      text_ += escape_label_value(label.value);
      text_ += '"';
    };
    for (const PrometheusLabel& label : labels) write_label(label);
    if (extra != nullptr) write_label(*extra);
    text_ += '}';
  }
  text_ += ' ';
  text_ += value;
  text_ += '\n';
}

void PrometheusText::sample(const PrometheusLabels& labels, double value) {
  MSGSIM_CHECK_MSG(!family_.empty(), "Prometheus sample before any family");
  MSGSIM_CHECK_MSG(type_ == PrometheusType::kCounter || type_ == PrometheusType::kGauge ||
                       type_ == PrometheusType::kUntyped,
                   "plain Prometheus sample in a summary or histogram family");
  write_series("", labels, nullptr, format_sample_value(value));
}

void PrometheusText::summary(const PrometheusLabels& labels, std::span<const PrometheusQuantile> quantiles, double sum,
                             std::uint64_t count) {
  MSGSIM_CHECK_MSG(type_ == PrometheusType::kSummary, "summary series outside a summary family");
  MSGSIM_CHECK_MSG(!has_label(labels, "quantile"), "a summary's own label is named quantile");
  for (const PrometheusQuantile& quantile : quantiles) {
    MSGSIM_CHECK(quantile.quantile >= 0.0 && quantile.quantile <= 1.0);
    const PrometheusLabel label{"quantile", format_sample_value(quantile.quantile)};
    write_series("", labels, &label, format_sample_value(quantile.value));
  }
  write_series("_sum", labels, nullptr, format_sample_value(sum));
  write_series("_count", labels, nullptr, std::to_string(count));
}

void PrometheusText::histogram(const PrometheusLabels& labels, std::span<const PrometheusBucket> buckets, double sum,
                               std::uint64_t count) {
  MSGSIM_CHECK_MSG(type_ == PrometheusType::kHistogram, "histogram series outside a histogram family");
  MSGSIM_CHECK_MSG(!has_label(labels, "le"), "a histogram's own label is named le");
  double previous_bound = -std::numeric_limits<double>::infinity();
  std::uint64_t previous_count = 0;
  for (const PrometheusBucket& bucket : buckets) {
    MSGSIM_CHECK_MSG(bucket.upper_bound > previous_bound && std::isfinite(bucket.upper_bound),
                     "histogram bucket bounds must increase and be finite");
    MSGSIM_CHECK_MSG(bucket.cumulative_count >= previous_count && bucket.cumulative_count <= count,
                     "histogram bucket counts must be cumulative");
    previous_bound = bucket.upper_bound;
    previous_count = bucket.cumulative_count;
    const PrometheusLabel label{"le", format_sample_value(bucket.upper_bound)};
    write_series("_bucket", labels, &label, std::to_string(bucket.cumulative_count));
  }
  const PrometheusLabel infinity{"le", "+Inf"};
  write_series("_bucket", labels, &infinity, std::to_string(count));
  write_series("_sum", labels, nullptr, format_sample_value(sum));
  write_series("_count", labels, nullptr, std::to_string(count));
}

void PrometheusText::counter(std::string_view name, std::string_view help, double value) {
  family(name, help, PrometheusType::kCounter);
  sample({}, value);
}

void PrometheusText::gauge(std::string_view name, std::string_view help, double value) {
  family(name, help, PrometheusType::kGauge);
  sample({}, value);
}

}  // namespace msgsim::live
