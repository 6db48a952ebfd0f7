#include "sim/live/serve/webhook_route.h"

#include <string>

namespace msgsim::live {

namespace {
const WebhookAnswerCounts kNoCounts{};
}  // namespace

WebhookRoute::WebhookRoute(stack::Stack& stack, harness::WireBoundaries& wire, std::function<void()> catch_up,
                           OutsideMessages* outside)
    : stack_(stack),
      wire_(wire),
      catch_up_(std::move(catch_up)),
      outside_(outside),
      counts_(stack.channels().size()) {}

stack::ChannelId WebhookRoute::channel_of(std::string_view path) const {
  if (path.substr(0, kWebhookPrefix.size()) != kWebhookPrefix) return stack::ChannelId();
  const std::string id(path.substr(kWebhookPrefix.size()));
  if (id.empty() || id.find('/') != std::string::npos) return stack::ChannelId();
  const stack::ChannelId channel = stack_.channels().find(id);
  if (!channel.valid() || wire_.endpoint(channel) == nullptr) return stack::ChannelId();
  return channel;
}

stack::HttpResponse WebhookRoute::handle(const stack::HttpRequest& request) {
  const stack::ChannelId channel = channel_of(request.path());
  if (!channel.valid()) {
    ++unknown_channel_;
    return stack::HttpResponse{404, "text/plain", "no channel has the webhook URL " + std::string(request.path())};
  }
  catch_up_();
  stack::WireEndpoint& endpoint = *wire_.endpoint(channel);
  if (outside_ != nullptr) outside_->begin(channel);
  stack::HttpResponse response = endpoint.handle(request);
  if (outside_ != nullptr) outside_->settle(channel);
  count(channel, response.status);
  return response;
}

void WebhookRoute::count(stack::ChannelId channel, int status) {
  WebhookAnswerCounts& counts = counts_[channel.value];
  if (status >= 200 && status < 300) {
    ++counts.ok;
  } else if (status == 400) {
    ++counts.malformed;
  } else if (status == 401) {
    ++counts.forged;
  } else if (status == 413) {
    ++counts.too_large;
  } else if (status >= 400 && status < 500) {
    ++counts.other_4xx;
  } else {
    ++counts.server_error;
  }
}

const WebhookAnswerCounts& WebhookRoute::counts(stack::ChannelId channel) const {
  return channel.value < counts_.size() ? counts_[channel.value] : kNoCounts;
}

}  // namespace msgsim::live
