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

WebhookRoute::Target WebhookRoute::target_of(std::string_view path) const {
  if (path.substr(0, kWebhookPrefix.size()) != kWebhookPrefix) return {};
  const std::string_view rest = path.substr(kWebhookPrefix.size());
  const std::size_t slash = rest.find('/');
  const std::string id(rest.substr(0, slash));
  if (id.empty()) return {};
  const stack::ChannelId channel = stack_.channels().find(id);
  if (!channel.valid() || wire_.endpoint(channel) == nullptr) return {};
  if (slash == std::string_view::npos) return {channel, false};
  // Below the webhook URL: only a partner's calls, which its endpoint reads.
  if (wire_.partner_endpoint(channel) == nullptr) return {};
  return {channel, true};
}

stack::HttpResponse WebhookRoute::handle(const stack::HttpRequest& request) {
  const Target target = target_of(request.path());
  if (!target.channel.valid()) {
    ++unknown_channel_;
    return stack::HttpResponse{404, "text/plain", "no channel has the webhook URL " + std::string(request.path())};
  }
  catch_up_();
  stack::HttpResponse response;
  if (target.partner) {
    response = wire_.partner_endpoint(target.channel)->handle(request);
  } else {
    stack::WireEndpoint& endpoint = *wire_.endpoint(target.channel);
    if (outside_ != nullptr) outside_->begin(target.channel);
    response = endpoint.handle(request);
    if (outside_ != nullptr) outside_->settle(target.channel);
  }
  count(target.channel, response.status);
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
