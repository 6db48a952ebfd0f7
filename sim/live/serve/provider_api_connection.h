// One accepted connection of the ProviderApiServer: reads a request with
// Beast under the server's limits, hands a send-API call to the
// ProviderCallHandOff and writes the answer when the simulation thread gives
// it back (or answers a refusal itself), then reads the next request or
// closes. It tells the hand-off when an answer has been written and when the
// connection closed, for the stack's waiting transport on the other end.
// Internal to the provider API server; its contract is in
// provider_api_server.h. Runs on the server's thread only, except the
// `answer` function of the calls it hands off, which any thread may call.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sim/live/beast.h"
#include "sim/live/serve/provider_api_server.h"
#include "sim/live/serve/provider_call_handoff.h"

namespace msgsim::live {

class ProviderApiConnection;

// What the server shares with its connections. The map and `stopped` belong
// to the server's thread; the counters are read from any thread.
struct ProviderApiCore {
  ProviderApiCore(ProviderCallHandOff& calls, ProviderApiServerOptions chosen)
      : hand_off(calls), options(std::move(chosen)) {}

  ProviderCallHandOff& hand_off;
  ProviderApiServerOptions options;
  // Every open connection, owned here so that one awaiting its answer (no
  // operation pending) stays alive; close() removes it.
  std::map<std::uint64_t, std::shared_ptr<ProviderApiConnection>> connections;
  std::uint64_t next_connection_id = 1;
  bool stopped = false;
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> refused{0};
};

class ProviderApiConnection : public std::enable_shared_from_this<ProviderApiConnection> {
 public:
  ProviderApiConnection(boost::asio::ip::tcp::socket socket, ProviderApiCore& core);

  // Registers with the core and starts reading requests.
  void start();
  // Registers, answers 503 and closes: the server is at connections_max.
  void refuse_busy();
  // Closes at once and unregisters. Idempotent.
  void close();

 private:
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void read_request();
  void on_header(const boost::beast::error_code& error);
  void read_body();
  void on_request(const boost::beast::error_code& error);
  void dispatch();
  void hand_off(std::string channel, std::string provider_target, bool keep_alive);
  void answer(const stack::HttpResponse& given, bool keep_alive);
  void write(bool keep_alive);
  void on_written(bool keep_alive, const boost::beast::error_code& error);
  void refuse(unsigned status, std::string message, bool keep_alive, const char* allow = nullptr);
  void linger_then_close();
  void drain();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Response response_;
  ProviderApiCore& core_;
  std::uint64_t id_;
  std::uint16_t peer_port_ = 0;
  bool closed_ = false;
  std::size_t drained_bytes_ = 0;
  std::array<char, 4096> drain_buffer_{};
};

}  // namespace msgsim::live
