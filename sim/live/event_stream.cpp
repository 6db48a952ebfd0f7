#include "sim/live/event_stream.h"

#include <algorithm>
#include <array>
#include <deque>

namespace msgsim::live {

namespace {

constexpr std::string_view kStreamHeader =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/event-stream\r\n"
    "Cache-Control: no-cache\r\n"
    "X-Accel-Buffering: no\r\n"
    "Connection: close\r\n"
    "\r\n";

constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: 32\r\n"
    "Connection: close\r\n"
    "\r\n"
    "too many event-stream listeners\n";

std::string without_line_breaks(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c != '\n' && c != '\r') clean += c;
  }
  return clean;
}

}  // namespace

std::string format_server_sent_event(const ServerSentEvent& event) {
  std::string text;
  if (!event.event.empty()) text += "event: " + without_line_breaks(event.event) + "\n";
  if (!event.id.empty()) text += "id: " + without_line_breaks(event.id) + "\n";
  std::string_view data = event.data;
  while (true) {
    const std::size_t end = data.find_first_of("\r\n");
    text += "data: ";
    text += data.substr(0, end);
    text += '\n';
    if (end == std::string_view::npos) break;
    const std::size_t next = (data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? end + 2 : end + 1;
    data.remove_prefix(next);
  }
  text += '\n';
  return text;
}

// One subscriber's connection: a queue of shared event texts written one at
// a time, and a read kept pending only to notice that the client went away.
class EventSubscriber : public std::enable_shared_from_this<EventSubscriber> {
 public:
  explicit EventSubscriber(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  void start() {
    offer(std::make_shared<const std::string>(kStreamHeader), kStreamHeader.size());
    watch_for_close();
  }

  // Queues `text`; returns false (and closes) when that would pass `limit`.
  bool offer(const std::shared_ptr<const std::string>& text, std::size_t limit) {
    if (closed_) return true;
    if (queued_bytes_ + text->size() > limit) {
      close();
      return false;
    }
    queue_.push_back(text);
    queued_bytes_ += text->size();
    if (!writing_) write_front();
    return true;
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  bool closed() const { return closed_; }

 private:
  void write_front() {
    writing_ = true;
    boost::asio::async_write(socket_, boost::asio::buffer(*queue_.front()),
                             [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
                               self->on_written(error);
                             });
  }

  void on_written(const boost::system::error_code& error) {
    writing_ = false;
    if (closed_) return;
    if (error) {
      close();
      return;
    }
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    if (!queue_.empty()) write_front();
  }

  // Whatever the client sends is discarded; end of file or an error closes.
  void watch_for_close() {
    socket_.async_read_some(boost::asio::buffer(discard_),
                            [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
                              if (error) {
                                self->close();
                                return;
                              }
                              if (!self->closed_) self->watch_for_close();
                            });
  }

  boost::asio::ip::tcp::socket socket_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool closed_ = false;
  std::array<char, 512> discard_{};
};

EventStream::EventStream(EventStreamOptions options) : options_(options) {}

EventStream::~EventStream() { close_all(); }

void EventStream::publish(const ServerSentEvent& event) {
  ++published_total_;
  send(std::make_shared<const std::string>(format_server_sent_event(event)));
}

void EventStream::publish_comment(std::string_view text) {
  send(std::make_shared<const std::string>(": " + without_line_breaks(text) + "\n\n"));
}

void EventStream::send(const std::shared_ptr<const std::string>& text) {
  forget_closed();
  for (const std::shared_ptr<EventSubscriber>& subscriber : subscribers_) {
    if (!subscriber->offer(text, options_.queue_bytes_max)) ++dropped_total_;
  }
}

void EventStream::subscribe(boost::asio::ip::tcp::socket socket) {
  forget_closed();
  if (subscribers_.size() >= options_.subscribers_max) {
    // A short answer on a socket with room to spare: written at once or lost.
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(boost::asio::buffer(kBusy), ignored);
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    return;
  }
  if (options_.socket_send_buffer_bytes > 0) {
    boost::system::error_code ignored;
    socket.set_option(
        boost::asio::socket_base::send_buffer_size(static_cast<int>(options_.socket_send_buffer_bytes)), ignored);
  }
  subscribers_.push_back(std::make_shared<EventSubscriber>(std::move(socket)));
  subscribers_.back()->start();
}

void EventStream::close_all() {
  for (const std::shared_ptr<EventSubscriber>& subscriber : subscribers_) subscriber->close();
  subscribers_.clear();
}

std::size_t EventStream::subscriber_count() const {
  return static_cast<std::size_t>(std::count_if(subscribers_.begin(), subscribers_.end(),
                                                [](const auto& subscriber) { return !subscriber->closed(); }));
}

void EventStream::forget_closed() {
  std::erase_if(subscribers_, [](const std::shared_ptr<EventSubscriber>& subscriber) { return subscriber->closed(); });
}

}  // namespace msgsim::live
