#include "sim/live/http_router.h"

#include <algorithm>

#include "sim/runtime/check.h"

namespace msgsim::live {

namespace {

bool path_matches(std::string_view route, bool prefix, std::string_view path) {
  return prefix ? path.substr(0, route.size()) == route : path == route;
}

}  // namespace

void HttpRouter::add_exact(std::string method, std::string path, RouteTarget target) {
  add(Route{std::move(method), std::move(path), false, std::move(target)});
}

void HttpRouter::add_prefix(std::string method, std::string prefix, RouteTarget target) {
  add(Route{std::move(method), std::move(prefix), true, std::move(target)});
}

// Keeps exact routes first, then prefixes from the longest, each group in the
// order added, so the first match in the list is the most specific.
void HttpRouter::add(Route route) {
  MSGSIM_CHECK_MSG(!route.method.empty() && !route.path.empty() && route.path.front() == '/',
                   "a route needs a method and a /path");
  routes_.push_back(std::move(route));
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    if (a.prefix != b.prefix) return !a.prefix;
    return a.prefix && a.path.size() > b.path.size();
  });
}

HttpRouter::Match HttpRouter::match(std::string_view method, std::string_view path) const {
  Match match;
  std::vector<std::string_view> allowed;
  for (const Route& route : routes_) {
    if (!path_matches(route.path, route.prefix, path)) continue;
    if (route.method == method) {
      match.target = &route.target;
      return match;
    }
    if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) allowed.push_back(route.method);
  }
  match.status = allowed.empty() ? 404 : 405;
  for (std::string_view name : allowed) {
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += name;
  }
  return match;
}

}  // namespace msgsim::live
