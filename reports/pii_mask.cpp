#include "reports/pii_mask.h"

#include <cctype>

namespace msgsim::reports {

namespace {

constexpr std::size_t kPhoneDigitsMin = 7;
constexpr std::size_t kPhoneDigitsKept = 4;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_email_local(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool is_email_domain(char c) { return is_alnum(c) || c == '.' || c == '-'; }
bool is_phone_char(char c) { return is_digit(c) || c == '+' || c == '(' || c == ')' || c == '-' || c == ' '; }

// Code points, not bytes: a reader compares the length with what was typed.
std::size_t utf8_length(std::string_view text) {
  std::size_t length = 0;
  for (const char c : text) length += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return length;
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every "..." pair becomes "text (N chars)". An unpaired quote is kept as is,
// with the rest of the text, since there is no message to measure.
std::string mask_quoted(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('"', pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    if (!ends_with(out, "text ")) out += "text ";
    out += "(" + std::to_string(utf8_length(text.substr(open + 1, close - open - 1))) + " chars)";
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

// Each '@' with a local part before it and a dotted domain after it.
std::string mask_emails(const std::string& text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > copied && is_email_local(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_email_domain(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop is not the domain's
    const std::string_view domain(text.data() + at + 1, end - at - 1);
    if (begin == at || domain.find('.') == std::string_view::npos) continue;
    out.append(text, copied, begin - copied);
    out += text[begin];
    out += "***@";
    out.append(domain);
    copied = end;
    at = end - 1;
  }
  out.append(text, copied);
  return out;
}

// Runs that start at '+', '(' or a digit, end at a digit, and hold at least
// kPhoneDigitsMin digits. A run glued to a letter before it is part of a
// word or id, and one after a decimal point ("2525.440048") the fraction of
// a measured figure: neither is a phone number.
std::string mask_phones(const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    const bool after_decimal_point = pos >= 2 && text[pos - 1] == '.' && is_digit(text[pos - 2]);
    const bool starts =
        (is_digit(c) || c == '+' || c == '(') && (pos == 0 || !is_alnum(text[pos - 1])) && !after_decimal_point;
    std::size_t end = pos;
    std::string digits;
    std::size_t last_digit_end = pos;
    while (starts && end < text.size() && is_phone_char(text[end])) {
      if (is_digit(text[end])) {
        digits += text[end];
        last_digit_end = end + 1;
      }
      ++end;
    }
    if (digits.size() < kPhoneDigitsMin || (last_digit_end < text.size() && is_alnum(text[last_digit_end]))) {
      out += c;
      ++pos;
      continue;
    }
    out += "+" + std::string(digits.size() - kPhoneDigitsKept, '*') + digits.substr(digits.size() - kPhoneDigitsKept);
    pos = last_digit_end;
  }
  return out;
}

void mask_string(nlohmann::ordered_json& value) {
  if (value.is_string()) value = mask_pii(value.get<std::string>());
}

}  // namespace

std::string mask_pii(std::string_view text) {
  // Quotes first: a phone number or address inside a message goes with it.
  return mask_phones(mask_emails(mask_quoted(text)));
}

void mask_report_pii(nlohmann::ordered_json& report) {
  if (report.contains("violations") && report["violations"].is_array()) {
    for (nlohmann::ordered_json& violation : report["violations"]) {
      if (!violation.contains("evidence") || !violation["evidence"].is_array()) continue;
      for (nlohmann::ordered_json& line : violation["evidence"]) mask_string(line);
    }
  }
  if (report.contains("scripts") && report["scripts"].is_array()) {
    for (nlohmann::ordered_json& script : report["scripts"]) {
      if (!script.contains("steps") || !script["steps"].is_array()) continue;
      for (nlohmann::ordered_json& step : script["steps"]) {
        if (step.contains("detail")) mask_string(step["detail"]);
      }
    }
  }
  if (report.contains("transcripts") && report["transcripts"].is_array()) {
    for (nlohmann::ordered_json& conversation : report["transcripts"]) {
      for (const char* view : {"customer_view", "agent_view"}) {
        if (!conversation.contains(view) || !conversation[view].is_array()) continue;
        for (nlohmann::ordered_json& line : conversation[view]) {
          if (line.contains("text")) mask_string(line["text"]);
        }
      }
    }
  }
  if (report.contains("expectations") && report["expectations"].is_array()) {
    for (nlohmann::ordered_json& expectation : report["expectations"]) {
      if (expectation.contains("detail")) mask_string(expectation["detail"]);
    }
  }
}

}  // namespace msgsim::reports
