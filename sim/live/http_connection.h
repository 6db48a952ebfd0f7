// One accepted connection of the HttpServer: reads requests with Beast under
// the server's limits, routes them, writes the answers, keeps the connection
// alive or closes it, and hands it to an EventStream when the route is one.
// Pipelined requests (a client that writes several before reading, like
// live mode's loopback lines) are answered together: while another whole
// request is already buffered, an answer waits for the next one's, and they
// leave in one write, in order.
// Internal to sim/live; the server's contract is in http_server.h.
// Single-threaded (the server's io_context).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sim/live/beast.h"
#include "sim/live/http_router.h"
#include "sim/live/http_server.h"

namespace msgsim::live {

class HttpConnection;

// What the server shares with its connections; it outlives both.
struct ServerCore {
  HttpServerOptions options;
  HttpRouter router;
  std::map<std::uint64_t, std::weak_ptr<HttpConnection>> connections;  // open ones, by id
  std::vector<std::shared_ptr<EventStream>> streams;
  std::uint64_t next_connection_id = 1;
  bool stopped = false;
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> refused{0};  // answered by the server itself (400, 404, 405, 413, 431, 503)
  std::atomic<std::size_t> open{0};
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerCore> core);
  ~HttpConnection();

  // Starts reading requests; registers with the server.
  void start();
  // Answers 503 and closes: the server is at connections_max.
  void refuse_busy();
  // Closes at once (server stop).
  void close();

 private:
  struct Response {
    unsigned status = 200;
    unsigned version = 11;  // the request's: 10 or 11
    std::string content_type;
    std::string allow;  // for 405
    std::string body;
  };

  void read_request();
  void on_header(const boost::beast::error_code& error);
  void read_body();
  void on_request(const boost::beast::error_code& error);
  void dispatch();
  void answer(const Response& response, bool keep_alive);
  // Writes every answer waiting in outgoing_, then reads on or closes.
  void flush(bool keep_alive);
  void on_written(bool keep_alive, const boost::beast::error_code& error);
  // True iff a whole request (header and Content-Length body) is buffered.
  bool whole_request_buffered() const;
  void refuse(unsigned status, std::string message);
  void linger_then_close();
  void drain();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::string outgoing_;           // serialized answers not yet written, in order
  std::size_t outgoing_count_ = 0;  // answers in outgoing_
  std::shared_ptr<ServerCore> core_;
  std::uint64_t id_ = 0;
  std::size_t drained_bytes_ = 0;
  std::array<char, 4096> drain_buffer_{};
};

}  // namespace msgsim::live
