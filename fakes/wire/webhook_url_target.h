// The request target (path and query, as on the HTTP request line) a fake
// provider posts a webhook to, taken from the full URL the business
// configured: "https://host:8443/hooks/sms?x=1" -> "/hooks/sms?x=1".
// Pure; any thread may call it.
#pragma once

#include <string>
#include <string_view>

namespace msgsim::fakes {

// "/" when the URL has no path; a URL without "://" is taken as a target.
inline std::string target_of_webhook_url(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return url.empty() ? std::string("/") : std::string(url);
  // A plain loop: find_first_of calls memchr once per byte of the URL.
  std::size_t path = scheme + 3;
  while (path < url.size() && url[path] != '/' && url[path] != '?') ++path;
  if (path == url.size()) return "/";
  std::string target(url.substr(path));
  if (target.front() == '?') target.insert(target.begin(), '/');
  return target;
}

}  // namespace msgsim::fakes
