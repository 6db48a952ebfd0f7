#include "sim/live/serve/provider_api_route.h"

#include <exception>
#include <utility>

namespace msgsim::live {

namespace {

constexpr char kTextType[] = "text/plain; charset=utf-8";
constexpr std::string_view kPartnerPrefix = "/partner/";

void count(OutsideSendCalls& counts, int status) {
  ++counts.calls;
  if (status >= 200 && status < 300) ++counts.answered_2xx;
  if (status >= 400 && status < 500) ++counts.answered_4xx;
  if (status >= 500) ++counts.answered_5xx;
}

}  // namespace

void ProviderApiRoute::add_channel(stack::ChannelId id, std::string name, stack::WireTransport& send_api) {
  Channel& channel = channels_[std::move(name)];
  channel.id = id;
  channel.send_api = &send_api;
}

void ProviderApiRoute::add_partner(stack::ChannelId id, std::string name, stack::WireTransport& partner_api) {
  Channel& channel = channels_[std::move(name)];
  channel.id = id;
  channel.partner_api = &partner_api;
}

void ProviderApiRoute::remove_channel(stack::ChannelId id) {
  for (auto& [name, channel] : channels_) {
    if (channel.id == id) channel.send_api = nullptr;
  }
}

void ProviderApiRoute::remove_partner(stack::ChannelId id) {
  for (auto& [name, channel] : channels_) {
    if (channel.id == id) channel.partner_api = nullptr;
  }
}

stack::HttpResponse ProviderApiRoute::handle(const stack::HttpRequest& request) {
  // The target is /providers/<channel>/<the provider's own path>.
  const std::string_view target = request.target;
  const std::string_view rest = target.substr(std::min(target.size(), kProviderApiPrefix.size()));
  const std::size_t slash = rest.find('/');
  const std::string_view name = rest.substr(0, slash);
  const auto found = channels_.find(name);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  stack::WireTransport* api = found == channels_.end() ? nullptr : found->second.send_api;
  if (found != channels_.end() && path.substr(0, kPartnerPrefix.size()) == kPartnerPrefix) {
    api = found->second.partner_api;
    path.remove_prefix(kPartnerPrefix.size() - 1);  // keeps the '/' of the partner's own path
  }
  if (path.empty() || api == nullptr) {
    ++unknown_channel_;
    return stack::HttpResponse{404, kTextType, "no provider API for channel \"" + std::string(name) + "\"\n"};
  }
  stack::HttpRequest call = request;
  call.target = std::string(path);
  if (catch_up_) catch_up_();
  stack::HttpResponse answer;
  try {
    answer = api->exchange(call);
  } catch (const std::exception& error) {
    answer = stack::HttpResponse{500, kTextType, std::string("provider API failed: ") + error.what() + "\n"};
  }
  if (request.header("User-Agent") != kStackUserAgent) count(found->second.outside, answer.status);
  return answer;
}

OutsideSendCalls ProviderApiRoute::outside_calls(stack::ChannelId id) const {
  for (const auto& [name, channel] : channels_) {
    if (channel.id == id) return channel.outside;
  }
  return {};
}

}  // namespace msgsim::live
