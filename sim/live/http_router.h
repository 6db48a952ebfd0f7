// Which handler answers a request: routes by method and path (the target
// without its query). Exact paths win over prefixes, longer prefixes over
// shorter ones; among routes whose path matches, the first with the request's
// method answers. A path that some route matches under another method is 405
// (with the methods that would work, for the Allow header); otherwise 404.
// A route's target is a handler or an event stream. Filled before or while
// serving, on the serving thread; not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/stack/wire/http_message.h"

namespace msgsim::live {

class EventStream;

// Answers one request. Runs on the server's io_context thread, between
// simulation events, so it may touch the stack without locks. An exception it
// throws becomes a 500 answer. Must not block.
using HttpHandler = std::function<stack::HttpResponse(const stack::HttpRequest&)>;

struct RouteTarget {
  HttpHandler handler;                 // set for plain routes
  std::shared_ptr<EventStream> stream;  // set for server-sent event streams
};

class HttpRouter {
 public:
  // REQUIRES: `method` is not empty; `path` starts with '/'.
  void add_exact(std::string method, std::string path, RouteTarget target);
  // Matches every path that starts with `prefix`. REQUIRES: as add_exact.
  void add_prefix(std::string method, std::string prefix, RouteTarget target);

  struct Match {
    const RouteTarget* target = nullptr;  // null: answer `status`
    int status = 200;                     // 404 or 405 when no target
    std::string allow;                    // for 405: "GET, POST"
  };
  // The route for `method` and `path` (no query). The target stays valid
  // until the router changes.
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    bool prefix = false;
    RouteTarget target;
  };
  void add(Route route);
  std::vector<Route> routes_;  // exact routes first, then prefixes, longest first
};

}  // namespace msgsim::live
