// Server-sent events: the wire format, and EventStream on a live server with
// real subscribers (EventStreamClient and a client that never reads).
#include "sim/live/event_stream.h"

#include <gtest/gtest.h>

#include <thread>

#include "sim/live/event_stream_client.h"
#include "tests/live/server_thread.h"

namespace msgsim::live {
namespace {

using testing::ServerThread;
using namespace std::chrono_literals;

// Waits until `condition` holds on the serving thread (bounded: fails after 5 s).
template <typename Condition>
bool eventually(ServerThread& serving, Condition condition) {
  for (int i = 0; i < 500; ++i) {
    if (serving.on_io(condition)) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// Formatting then parsing gives the event back, however the bytes are cut;
// line breaks cannot inject fields through the name or id.
TEST(ServerSentEvents, FormatAndParseRoundTrip) {
  const ServerSentEvent event{"routed", "line one\nline two\r\nline three", "42"};
  const std::string wire = format_server_sent_event(event);
  EXPECT_EQ(wire, "event: routed\nid: 42\ndata: line one\ndata: line two\ndata: line three\n\n");
  ServerSentEventParser parser;
  parser.feed(": a comment\r\n");
  for (char c : wire) parser.feed(std::string_view(&c, 1));
  ASSERT_TRUE(parser.has_event());
  const ServerSentEvent parsed = parser.take();
  EXPECT_EQ(parsed.event, "routed");
  EXPECT_EQ(parsed.id, "42");
  EXPECT_EQ(parsed.data, "line one\nline two\nline three");
  EXPECT_FALSE(parser.has_event());

  const std::string injected = format_server_sent_event({"x\ndata: forged", "real", ""});
  EXPECT_EQ(injected, "event: xdata: forged\ndata: real\n\n");
}

// A subscriber receives every event published after it subscribed, in order.
TEST(EventStream, SubscriberReceivesPublishedEvents) {
  auto stream = std::make_shared<EventStream>();
  ServerThread serving;
  serving.server().add_event_stream("/events", stream);
  ASSERT_TRUE(serving.start().is_ok());
  runtime::Result<std::unique_ptr<EventStreamClient>> opened =
      EventStreamClient::open(serving.client_options(), "/events");
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  std::unique_ptr<EventStreamClient> client = opened.take();
  ASSERT_TRUE(eventually(serving, [&] { return stream->subscriber_count() == 1; }));

  serving.on_io([&] {
    stream->publish("routed", "{\"session\":1}");
    stream->publish_comment("keep-alive");
    stream->publish("", "two\nlines");
    return 0;
  });
  runtime::Result<ServerSentEvent> first = client->next(5s);
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  EXPECT_EQ(first.value().event, "routed");
  EXPECT_EQ(first.value().data, "{\"session\":1}");
  runtime::Result<ServerSentEvent> second = client->next(5s);
  ASSERT_TRUE(second.is_ok()) << second.status().message();
  EXPECT_EQ(second.value().event, "");
  EXPECT_EQ(second.value().data, "two\nlines");

  // Nothing more: next() times out and the subscription stays open.
  runtime::Result<ServerSentEvent> none = client->next(50ms);
  EXPECT_FALSE(none.is_ok());
  EXPECT_TRUE(client->is_open());
  serving.on_io([&] {
    stream->publish("late", "3");
    return 0;
  });
  runtime::Result<ServerSentEvent> third = client->next(5s);
  ASSERT_TRUE(third.is_ok()) << third.status().message();
  EXPECT_EQ(third.value().event, "late");
  EXPECT_EQ(stream->published_total(), 3u);
}

// A subscriber that never reads is dropped once its queue passes the limit;
// publishing never waits for it, and later subscribers are served.
TEST(EventStream, SlowSubscriberIsDroppedAndPublishNeverBlocks) {
  auto stream = std::make_shared<EventStream>(
      EventStreamOptions{.queue_bytes_max = 64 << 10, .socket_send_buffer_bytes = 8 << 10});
  ServerThread serving;
  serving.server().add_event_stream("/events", stream);
  ASSERT_TRUE(serving.start().is_ok());

  // Subscribes with a small receive buffer and never reads.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket stuck(io);
  stuck.open(boost::asio::ip::tcp::v4());
  stuck.set_option(boost::asio::socket_base::receive_buffer_size(4 << 10));
  stuck.connect({boost::asio::ip::make_address("127.0.0.1"), serving.server().port()});
  boost::asio::write(stuck, boost::asio::buffer(std::string("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")));
  ASSERT_TRUE(eventually(serving, [&] { return stream->subscriber_count() == 1; }));

  // 400 events of 4 KiB, each from its own handler so writes progress between.
  const std::string payload(4 << 10, 'p');
  std::promise<void> published;
  std::function<void(int)> publish_from = [&](int left) {
    stream->publish("bulk", payload);
    if (left == 1) {
      published.set_value();
      return;
    }
    boost::asio::post(serving.io(), [&, left] { publish_from(left - 1); });
  };
  boost::asio::post(serving.io(), [&] { publish_from(400); });
  ASSERT_EQ(published.get_future().wait_for(10s), std::future_status::ready);
  EXPECT_EQ(serving.on_io([&] { return stream->dropped_total(); }), 1u);
  EXPECT_EQ(serving.on_io([&] { return stream->subscriber_count(); }), 0u);

  runtime::Result<std::unique_ptr<EventStreamClient>> opened =
      EventStreamClient::open(serving.client_options(), "/events");
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  ASSERT_TRUE(eventually(serving, [&] { return stream->subscriber_count() == 1; }));
  serving.on_io([&] {
    stream->publish("after", "fine");
    return 0;
  });
  runtime::Result<ServerSentEvent> event = opened.value()->next(5s);
  ASSERT_TRUE(event.is_ok()) << event.status().message();
  EXPECT_EQ(event.value().event, "after");
}

// Subscribers beyond the limit are refused with 503; stopping the server
// ends every subscription.
TEST(EventStream, RefusesSubscribersOverTheLimitAndClosesOnStop) {
  auto stream = std::make_shared<EventStream>(EventStreamOptions{.subscribers_max = 1});
  ServerThread serving;
  serving.server().add_event_stream("/events", stream);
  ASSERT_TRUE(serving.start().is_ok());
  runtime::Result<std::unique_ptr<EventStreamClient>> first =
      EventStreamClient::open(serving.client_options(), "/events");
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  ASSERT_TRUE(eventually(serving, [&] { return stream->subscriber_count() == 1; }));
  runtime::Result<std::unique_ptr<EventStreamClient>> second =
      EventStreamClient::open(serving.client_options(), "/events");
  ASSERT_FALSE(second.is_ok());
  EXPECT_NE(second.status().message().find("503"), std::string::npos) << second.status().message();

  serving.on_io([&] {
    serving.server().stop();
    return 0;
  });
  runtime::Result<ServerSentEvent> after_stop = first.value()->next(5s);
  EXPECT_FALSE(after_stop.is_ok());
  EXPECT_FALSE(first.value()->is_open());
}

}  // namespace
}  // namespace msgsim::live
