// The fake providers' send APIs on loopback HTTP in live mode: an HTTP/1.1
// server (Boost.Beast) with its own thread and io_context, so the stack's
// synchronous send can block the simulation thread on a real HTTP exchange
// while this thread reads the request and writes the answer.
//
// Routes: `POST /providers/<channel>/<the platform's own path and query>`,
// the base URL of each channel's provider followed by what the stack's codec
// encodes, e.g.
//   /providers/sms-us/2010-04-01/Accounts/AC.../Messages.json   (Twilio)
//   /providers/wa-main/v19.0/<phone number id>/messages          (Graph API)
//   /providers/line-jp/v2/bot/message/reply                      (LINE)
// This thread only does I/O and HTTP parsing; it never touches simulation
// state. Each request becomes a ProviderCall (the target without
// /providers/<channel>) handed to the ProviderCallHandOff; the simulation
// thread runs it against the channel's fake and gives the answer back, and
// this thread writes it. It answers on its own only what needs no simulation
// state: 404 for a path outside /providers/<channel>/..., 405 for a method
// other than POST, 400 malformed HTTP, 413 body over the limit, 431 header
// over the limit, 503 beyond connections_max. Keep-alive connections; one
// request at a time on each.
//
// Threading: construct, start() and stop() on one thread (the simulation's);
// the server's own thread runs everything else; the counters may be read
// from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "sim/live/serve/provider_call_handoff.h"
#include "sim/runtime/asio.h"
#include "sim/runtime/status.h"

namespace msgsim::live {

inline constexpr std::string_view kProviderApiPrefix = "/providers/";

struct ProviderApiServerOptions {
  std::string bind_address = "127.0.0.1";  // an IPv4 or IPv6 literal
  std::uint16_t port = 0;                   // 0 = an ephemeral port; see port()
  std::size_t body_limit_bytes = 1 << 20;
  std::size_t header_limit_bytes = 16 << 10;
  // How long a request may take to arrive, and a kept-alive connection may
  // stay idle (the stack's transports reconnect after it).
  std::chrono::milliseconds read_timeout{300'000};
  std::size_t connections_max = 256;
};

struct ProviderApiCore;

class ProviderApiServer {
 public:
  // `hand_off` outlives the server.
  explicit ProviderApiServer(ProviderCallHandOff& hand_off, ProviderApiServerOptions options = {});
  // Stops the server.
  ~ProviderApiServer();
  ProviderApiServer(const ProviderApiServer&) = delete;
  ProviderApiServer& operator=(const ProviderApiServer&) = delete;

  // Binds, listens and starts the server's thread. kUnavailable (kInvalidInput
  // for a bad address) naming the address and the cause when it cannot listen.
  // REQUIRES: not started before.
  runtime::Status start();
  // The port it listens on; 0 before start().
  std::uint16_t port() const { return port_; }
  // Stops accepting, closes every connection (calls awaiting an answer get
  // none) and joins the thread. Idempotent.
  void stop();

  std::uint64_t connections_accepted() const;
  std::uint64_t requests_received() const;
  // Requests the server answered itself (400, 404, 405, 413, 431, 503).
  std::uint64_t requests_refused() const;

 private:
  void accept_next();

  std::shared_ptr<ProviderApiCore> core_;
  // After core_: the io_context's leftover handlers die before the core.
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

}  // namespace msgsim::live
