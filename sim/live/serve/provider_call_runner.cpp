#include "sim/live/serve/provider_call_runner.h"

#include <exception>
#include <utility>

namespace msgsim::live {

namespace {

constexpr char kTextType[] = "text/plain; charset=utf-8";

void count(OutsideSendCalls& counts, int status) {
  ++counts.calls;
  if (status >= 200 && status < 300) ++counts.answered_2xx;
  if (status >= 400 && status < 500) ++counts.answered_4xx;
  if (status >= 500) ++counts.answered_5xx;
}

}  // namespace

void ProviderCallRunner::add_channel(stack::ChannelId id, std::string name, stack::WireTransport& send_api) {
  Channel& channel = channels_[std::move(name)];
  channel.id = id;
  channel.send_api = &send_api;
}

void ProviderCallRunner::remove_channel(stack::ChannelId id) {
  for (auto& [name, channel] : channels_) {
    if (channel.id == id) channel.send_api = nullptr;
  }
}

void ProviderCallRunner::run(ProviderCall call) {
  const auto found = channels_.find(call.channel);
  if (found == channels_.end() || found->second.send_api == nullptr) {
    ++unknown_channel_;
    call.answer(stack::HttpResponse{404, kTextType, "no provider API for channel \"" + call.channel + "\"\n"});
    return;
  }
  stack::HttpResponse answer;
  try {
    answer = found->second.send_api->exchange(call.request);
  } catch (const std::exception& error) {
    answer = stack::HttpResponse{500, kTextType, std::string("provider API failed: ") + error.what() + "\n"};
  }
  if (!call.from_stack) count(found->second.outside, answer.status);
  call.answer(std::move(answer));
}

OutsideSendCalls ProviderCallRunner::outside_calls(stack::ChannelId id) const {
  for (const auto& [name, channel] : channels_) {
    if (channel.id == id) return channel.outside;
  }
  return {};
}

}  // namespace msgsim::live
