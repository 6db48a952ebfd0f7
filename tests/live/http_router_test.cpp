// HttpRouter: which route answers a method and path.
#include "sim/live/http_router.h"

#include <gtest/gtest.h>

namespace msgsim::live {
namespace {

RouteTarget named(std::string name) {
  return RouteTarget{[name](const stack::HttpRequest&) { return stack::HttpResponse{200, "text/plain", name}; },
                     nullptr};
}

std::string answer(const HttpRouter& router, std::string_view method, std::string_view path) {
  const HttpRouter::Match match = router.match(method, path);
  if (match.target == nullptr) return std::to_string(match.status) + " " + match.allow;
  return match.target->handler(stack::HttpRequest{}).body;
}

// Exact paths beat prefixes, longer prefixes beat shorter ones, whatever the
// order the routes were added in.
TEST(HttpRouter, MostSpecificRouteWins) {
  HttpRouter router;
  router.add_prefix("GET", "/", named("root"));
  router.add_prefix("GET", "/api/", named("api"));
  router.add_exact("GET", "/api/status", named("status"));
  router.add_prefix("GET", "/api/v2/", named("v2"));
  EXPECT_EQ(answer(router, "GET", "/api/status"), "status");
  EXPECT_EQ(answer(router, "GET", "/api/status/more"), "api");
  EXPECT_EQ(answer(router, "GET", "/api/v2/x"), "v2");
  EXPECT_EQ(answer(router, "GET", "/other"), "root");
}

// A path known under other methods is 405 listing them; an unknown one 404.
TEST(HttpRouter, WrongMethodIs405AndUnknownPathIs404) {
  HttpRouter router;
  router.add_exact("GET", "/metrics", named("metrics"));
  router.add_exact("POST", "/metrics", named("push"));
  router.add_prefix("PUT", "/m", named("put"));
  EXPECT_EQ(answer(router, "POST", "/metrics"), "push");
  EXPECT_EQ(answer(router, "DELETE", "/metrics"), "405 GET, POST, PUT");
  EXPECT_EQ(answer(router, "GET", "/nothing"), "404 ");
  EXPECT_EQ(answer(router, "get", "/metrics"), "405 GET, POST, PUT");  // methods are case-sensitive
}

}  // namespace
}  // namespace msgsim::live
