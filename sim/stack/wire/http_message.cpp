#include "sim/stack/wire/http_message.h"

#include <algorithm>

namespace msgsim::stack {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // Header names are usually looked up as they are spelled: equal bytes first.
  if (a == b) return true;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::string_view HttpRequest::path() const {
  const std::string_view whole(target);
  return whole.substr(0, whole.find('?'));
}

std::string_view HttpRequest::query() const {
  const std::string_view whole(target);
  const std::size_t mark = whole.find('?');
  return mark == std::string_view::npos ? std::string_view() : whole.substr(mark + 1);
}

int http_status_for(const runtime::Status& status) {
  using runtime::StatusCode;
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidInput: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kRefused: return 409;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kUnsupported:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

}  // namespace msgsim::stack
