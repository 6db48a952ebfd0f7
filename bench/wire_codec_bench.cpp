// The cost of one message crossing a provider boundary in wire mode, per
// channel: the fake provider encodes and signs the inbound webhook, the
// stack verifies and decodes it, the stack encodes its reply to the send
// API, and the fake reads that call. Texts are a typical 60 characters.
// Target: <= 2 us per message per channel. BM_StackSide is the stack's
// part alone (check and decode the webhook, encode the reply).
//
// The parts are measured too, to say where the time goes: the signature
// alone (OpenSSL HMAC), and the webhook body parsed by the codecs' own
// reader against an nlohmann::json DOM (the reason the codecs do not use
// it). Add a channel by adding its ChannelType to kChannels.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "fakes/wire/provider_wire_codec.h"
#include "sim/stack/channels/signatures.h"
#include "sim/stack/wire/json_view.h"
#include "sim/stack/wire/stack_wire_codec.h"

namespace {

using namespace msgsim;

constexpr std::string_view kText = "Hi, my order #482135 hasn't arrived yet. Could you check it?";
static_assert(kText.size() == 60);

constexpr stack::ChannelType kChannels[] = {stack::ChannelType::kSms,   stack::ChannelType::kWhatsapp,
                                            stack::ChannelType::kMessenger, stack::ChannelType::kApple,
                                            stack::ChannelType::kLine,  stack::ChannelType::kWeb,
                                            stack::ChannelType::kInApp, stack::ChannelType::kByoc,
                                            stack::ChannelType::kByocCcaas};

// One channel's two codecs, credentials and a typical message each way.
struct Boundary {
  std::unique_ptr<fakes::ProviderWireCodec> provider;
  std::unique_ptr<stack::StackWireCodec> stack_codec;
  stack::WireCredentials credentials;
  stack::DecodedWebhook inbound;
  stack::WireSend reply;

  explicit Boundary(stack::ChannelType type)
      : provider(fakes::make_provider_wire_codec(type)), stack_codec(stack::make_stack_wire_codec(type)) {
    credentials.secret = "0123456789abcdef0123456789abcdef";
    credentials.webhook_url = "https://stack.example:8443/webhooks/channel-1";
    credentials.account_id = type == stack::ChannelType::kSms ? "AC0123456789abcdef0123456789abcdef" : "";
    std::string customer = provider->opaque_address(7);
    switch (type) {
      case stack::ChannelType::kSms:
        credentials.business_address = "+15551230000";
        customer = "+15558675310";
        break;
      case stack::ChannelType::kWhatsapp:
        credentials.business_address = "106540352242922";
        customer = "15558675310";
        break;
      case stack::ChannelType::kMessenger: credentials.business_address = "1029384756473829"; break;
      default: credentials.business_address = "channel-1"; break;
    }
    stack::WireInbound message;
    message.from_address = customer;
    message.message_id = provider->message_id(42);
    message.text = std::string(kText);
    message.sent_at = runtime::Time::from_ns(3'600'000'000'000);
    // LINE's active messages carry a reply token; an Apple device lists what it can show.
    if (type == stack::ChannelType::kLine) message.reply_token = "757913772c4646b784d4b7ce46d12671";
    if (type == stack::ChannelType::kApple) message.capabilities = 0x3E;
    inbound.inbound.push_back(message);
    reply.to_address = customer;
    reply.text = std::string(kText);
  }
};

void BM_WireMessage(benchmark::State& state) {
  const auto type = static_cast<stack::ChannelType>(state.range(0));
  const Boundary boundary(type);
  state.SetLabel(stack::channel_type_name(type));
  for (auto _ : state) {
    const stack::HttpRequest webhook = boundary.provider->encode_webhook(boundary.inbound, boundary.credentials);
    auto decoded = boundary.stack_codec->decode_webhook(webhook, boundary.credentials);
    const stack::HttpRequest call = boundary.stack_codec->encode_send(boundary.reply, boundary.credentials);
    auto read = boundary.provider->decode_send(call, boundary.credentials);
    if (!decoded.is_ok() || !read.is_ok()) {
      state.SkipWithError((decoded.is_ok() ? read.status() : decoded.status()).message().c_str());
      break;
    }
    benchmark::DoNotOptimize(decoded.value().inbound.data());
    benchmark::DoNotOptimize(read.value().text.data());
  }
}

// The stack's own part of BM_WireMessage: it checks the signature of and
// decodes a webhook the fake signed once before the loop, and encodes its
// reply. This is what a deployment's message costs the stack at its
// provider boundary; the fake's signing and reading are the load
// generator's cost, which BM_WireMessage adds.
void BM_StackSide(benchmark::State& state) {
  const auto type = static_cast<stack::ChannelType>(state.range(0));
  const Boundary boundary(type);
  state.SetLabel(stack::channel_type_name(type));
  const stack::HttpRequest webhook = boundary.provider->encode_webhook(boundary.inbound, boundary.credentials);
  for (auto _ : state) {
    auto decoded = boundary.stack_codec->decode_webhook(webhook, boundary.credentials);
    const stack::HttpRequest call = boundary.stack_codec->encode_send(boundary.reply, boundary.credentials);
    if (!decoded.is_ok()) {
      state.SkipWithError(decoded.status().message().c_str());
      break;
    }
    benchmark::DoNotOptimize(decoded.value().inbound.data());
    benchmark::DoNotOptimize(call.body.data());
  }
}

void BM_WireWebhook(benchmark::State& state) {
  const auto type = static_cast<stack::ChannelType>(state.range(0));
  const Boundary boundary(type);
  state.SetLabel(stack::channel_type_name(type));
  for (auto _ : state) {
    const stack::HttpRequest webhook = boundary.provider->encode_webhook(boundary.inbound, boundary.credentials);
    auto decoded = boundary.stack_codec->decode_webhook(webhook, boundary.credentials);
    benchmark::DoNotOptimize(decoded.is_ok());
  }
}

void BM_WireSendCall(benchmark::State& state) {
  const auto type = static_cast<stack::ChannelType>(state.range(0));
  const Boundary boundary(type);
  state.SetLabel(stack::channel_type_name(type));
  for (auto _ : state) {
    const stack::HttpRequest call = boundary.stack_codec->encode_send(boundary.reply, boundary.credentials);
    auto read = boundary.provider->decode_send(call, boundary.credentials);
    benchmark::DoNotOptimize(read.is_ok());
  }
}

void channels(benchmark::internal::Benchmark* benchmark) {
  for (stack::ChannelType type : kChannels) benchmark->Arg(static_cast<int>(type));
}

BENCHMARK(BM_WireMessage)->Apply(channels);
BENCHMARK(BM_StackSide)->Apply(channels);
BENCHMARK(BM_WireWebhook)->Apply(channels);
BENCHMARK(BM_WireSendCall)->Apply(channels);

// The WhatsApp webhook of BM_WireMessage, as bytes.
std::string whatsapp_body() {
  const Boundary boundary(stack::ChannelType::kWhatsapp);
  return boundary.provider->encode_webhook(boundary.inbound, boundary.credentials).body;
}

void BM_MetaSignature(benchmark::State& state) {
  const std::string body = whatsapp_body();
  for (auto _ : state) benchmark::DoNotOptimize(stack::meta_signature("0123456789abcdef0123456789abcdef", body));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_MetaSignature);

void BM_TwilioSignature(benchmark::State& state) {
  const Boundary boundary(stack::ChannelType::kSms);
  const stack::HttpRequest webhook = boundary.provider->encode_webhook(boundary.inbound, boundary.credentials);
  auto params = stack::decode_form_body(webhook.body);
  for (auto _ : state) {
    benchmark::DoNotOptimize(stack::twilio_signature(boundary.credentials.secret, boundary.credentials.webhook_url, params.value()));
  }
}
BENCHMARK(BM_TwilioSignature);

void BM_JsonViewParse(benchmark::State& state) {
  const std::string body = whatsapp_body();
  for (auto _ : state) {
    auto document = stack::JsonDocument::parse(body);
    benchmark::DoNotOptimize(document.is_ok());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_JsonViewParse);

void BM_NlohmannParse(benchmark::State& state) {
  const std::string body = whatsapp_body();
  for (auto _ : state) {
    auto document = nlohmann::json::parse(body, nullptr, false);
    benchmark::DoNotOptimize(document.is_discarded());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_NlohmannParse);

}  // namespace

BENCHMARK_MAIN();
