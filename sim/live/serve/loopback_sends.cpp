#include "sim/live/serve/loopback_sends.h"

#include <utility>

namespace msgsim::live {

namespace {

// The transport of one channel, which also withdraws the channel's send API
// from the runner when the world lets the transport go (the fake's gateway
// goes with it).
class ChannelSendTransport final : public stack::WireTransport {
 public:
  ChannelSendTransport(ProviderCallRunner& runner, stack::ChannelId id, ProviderCallHandOff& hand_off,
                       LoopbackSendOptions options, SendCallCounts& counts)
      : runner_(runner), id_(id), transport_(hand_off, runner, std::move(options), counts) {}
  ~ChannelSendTransport() override { runner_.remove_channel(id_); }

  stack::HttpResponse exchange(const stack::HttpRequest& request) override { return transport_.exchange(request); }

 private:
  ProviderCallRunner& runner_;
  stack::ChannelId id_;
  LoopbackSendTransport transport_;
};

}  // namespace

LoopbackSends::LoopbackSends(boost::asio::io_context& io, std::function<void()> catch_up,
                             LoopbackSendsOptions options)
    : io_(io),
      catch_up_(std::move(catch_up)),
      options_(std::move(options)),
      self_(std::make_shared<LoopbackSends*>(this)),
      // Called on the server's thread: only posts.
      hand_off_([simulation = &io, weak = std::weak_ptr<LoopbackSends*>(self_)] {
        boost::asio::post(*simulation, [weak] {
          if (const std::shared_ptr<LoopbackSends*> self = weak.lock()) (*self)->drain();
        });
      }),
      server_(hand_off_, options_.server) {}

LoopbackSends::~LoopbackSends() {
  close();
  self_.reset();
}

runtime::Status LoopbackSends::start() { return server_.start(); }

std::string LoopbackSends::base_url() const {
  const std::string& address = options_.server.bind_address;
  const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  return "http://" + host + ":" + std::to_string(port()) + std::string(kProviderApiPrefix);
}

std::unique_ptr<stack::WireTransport> LoopbackSends::make(stack::ChannelId id, std::string_view name,
                                                          stack::WireTransport& send_api) {
  MSGSIM_CHECK_MSG(port() != 0, "LoopbackSends::make before start()");
  runner_.add_channel(id, std::string(name), send_api);
  channels_.push_back(Channel{id, {}});
  LoopbackSendOptions options;
  options.host = options_.server.bind_address;
  options.port = port();
  options.channel = std::string(name);
  options.timeout = options_.timeout;
  return std::make_unique<ChannelSendTransport>(runner_, id, hand_off_, std::move(options), channels_.back().counts);
}

const SendCallCounts& LoopbackSends::counts(stack::ChannelId id) const {
  static const SendCallCounts kNone;
  for (const Channel& channel : channels_) {
    if (channel.id == id) return channel.counts;
  }
  return kNone;
}

harness::Histogram LoopbackSends::round_trip() const {
  harness::Histogram all;
  for (const Channel& channel : channels_) all.merge(channel.counts.round_trip);
  return all;
}

// Calls that came while no stack call waited: outside input, so the stack
// first sees current time. Events that catch_up() runs may take some of the
// calls themselves, in their own exchanges.
void LoopbackSends::drain() {
  if (catch_up_) catch_up_();
  for (ProviderCall& call : hand_off_.take_all()) runner_.run(std::move(call));
}

void LoopbackSends::close() {
  hand_off_.close();
  server_.stop();
}

}  // namespace msgsim::live
