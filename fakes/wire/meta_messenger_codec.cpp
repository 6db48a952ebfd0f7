#include "fakes/wire/meta_messenger_codec.h"

#include <algorithm>
#include <array>
#include <vector>

#include "fakes/wire/graph_api_fake.h"
#include "fakes/wire/id_bijection.h"
#include "fakes/wire/provider_codecs.h"
#include "fakes/wire/psid_numbering.h"
#include "sim/stack/wire/address_syntax.h"
#include "sim/stack/wire/ascii_json_writer.h"
#include "sim/stack/wire/body_writer.h"
#include "sim/stack/wire/base64_text.h"
#include "sim/stack/wire/json_cursor.h"
#include "sim/stack/wire/messenger_wire_codec.h"
#include "sim/stack/wire/webhook_limits.h"
#include "sim/stack/wire/wire_time.h"

namespace msgsim::fakes {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;
using stack::AsciiJsonWriter;
using stack::JsonCursor;
using stack::JsonKind;

namespace {

constexpr IdScrambler kMidScrambler(0x6d5f'6d65'7373'0002ull);
constexpr std::size_t kMidBytes = 64;  // 86 base64 characters, as Meta's mids
constexpr std::string_view kMidPrefix = "m_";

struct ErrorInfo {
  int code;
  int subcode;
  int http_status;
  std::string_view message;
};

constexpr std::array<ErrorInfo, 5> kErrors = {{
    {MetaMessengerCodec::kOutsideWindowCode, MetaMessengerCodec::kOutsideWindowSubcode, 400,
     "This message is sent outside of allowed window."},
    {613, 0, 429, "Calls to this api have exceeded the rate limit."},
    {MetaMessengerCodec::kServiceUnavailable, 0, 503,
     "An unexpected error has occurred. Please retry your request later."},
    {551, 1545041, 400, "This person isn't available right now."},
    {100, 0, 400, "Invalid parameter"},
}};

ErrorInfo error_info(int code) {
  for (const ErrorInfo& info : kErrors) {
    if (info.code == code) return info;
  }
  return ErrorInfo{code, 0, 400, "The request was refused."};
}

// Receipts of one person and one state, in order of first appearance.
struct Watermark {
  std::string_view person;
  stack::DeliveryState state;
  std::vector<std::string_view> mids;
};

std::vector<Watermark> group_receipts(const std::vector<stack::WireReceipt>& receipts) {
  std::vector<Watermark> marks;
  for (const stack::WireReceipt& receipt : receipts) {
    MSGSIM_CHECK_MSG(receipt.state == stack::DeliveryState::kDelivered || receipt.state == stack::DeliveryState::kRead,
                     "Messenger reports only delivered and read");
    auto same = [&](const Watermark& mark) { return mark.person == receipt.recipient_address && mark.state == receipt.state; };
    auto it = std::find_if(marks.begin(), marks.end(), same);
    if (it == marks.end()) it = marks.insert(marks.end(), Watermark{receipt.recipient_address, receipt.state, {}});
    it->mids.push_back(receipt.message_id);
  }
  return marks;
}

// {"id":..,"time":..,"messaging":[{"sender":{..},"recipient":{..}  (the
// messaging item stays open).
void open_entry(stack::BodyWriter& out, std::string_view page, std::int64_t time_ms, std::string_view person) {
  out.raw(R"({"id":)");
  out.ascii_json_string(page);
  out.raw(R"(,"time":)");
  out.integer(time_ms);
  out.raw(R"(,"messaging":[{"sender":{"id":)");
  out.ascii_json_string(person);
  out.raw(R"(},"recipient":{"id":)");
  out.ascii_json_string(page);
  out.byte('}');
}

void close_entry(stack::BodyWriter& out) { out.raw("}]}"); }

void write_message(stack::BodyWriter& out, const stack::WireInbound& message, std::string_view page) {
  MSGSIM_CHECK_MSG(message.kind == stack::InboundKind::kMessage && !message.end_conversation,
                   "Messenger reports only messages");
  const std::int64_t at = stack::to_unix_ms(message.sent_at);
  open_entry(out, page, at, message.from_address);
  out.raw(R"(,"timestamp":)");
  out.integer(at);
  out.raw(R"(,"message":{"mid":)");
  out.ascii_json_string(message.message_id);
  out.raw(R"(,"text":)");
  out.ascii_json_string(message.text);
  out.byte('}');
  close_entry(out);
}

void write_mids(stack::BodyWriter& out, const Watermark& mark) {
  out.raw(R"("mids":[)");
  bool first = true;
  for (std::string_view mid : mark.mids) {
    if (!first) out.byte(',');
    first = false;
    out.ascii_json_string(mid);
  }
  out.byte(']');
}

void write_watermark(stack::BodyWriter& out, const Watermark& mark, std::string_view page, std::int64_t at) {
  open_entry(out, page, at, mark.person);
  if (mark.state == stack::DeliveryState::kRead) {
    out.raw(R"(,"timestamp":)");
    out.integer(at);
    out.raw(R"(,"read":{"watermark":)");
    out.integer(at);
    out.byte(',');
    write_mids(out, mark);
  } else {
    out.raw(R"(,"delivery":{)");
    write_mids(out, mark);
    out.raw(R"(,"watermark":)");
    out.integer(at);
  }
  out.byte('}');
  close_entry(out);
}

Status read_tag(const JsonCursor& root, stack::WireSend& send) {
  const JsonCursor messaging_type = root.member("messaging_type");
  const JsonCursor tag = root.member("tag");
  Status is_string = messaging_type.expect(JsonKind::kString);
  if (!is_string.is_ok()) return is_string;
  const bool tagged = messaging_type.value().text_equals("MESSAGE_TAG");
  if (!tagged && !messaging_type.value().text_equals("RESPONSE") && !messaging_type.value().text_equals("UPDATE")) {
    return messaging_type.error("expected RESPONSE, UPDATE or MESSAGE_TAG");
  }
  if (!tagged) return tag.present() ? tag.error("a tag needs messaging_type MESSAGE_TAG") : Status::ok();
  Result<std::string> name = tag.string(stack::kWireIdBytesMax);
  if (!name.is_ok()) return name.status();
  const std::optional<stack::MessageTag> known = stack::messenger_tag_from_name(name.value());
  if (!known) return tag.error("unknown message tag \"" + stack::text_excerpt(name.value()) + "\"");
  send.options.tag = *known;
  return Status::ok();
}

Status read_message(const JsonCursor& root, stack::WireSend& send) {
  const JsonCursor recipient = root.member("recipient");
  const JsonCursor recipient_id = recipient.member("id");
  const JsonCursor message = root.member("message");
  const JsonCursor text = message.member("text");
  Status is_object = root.expect(JsonKind::kObject);
  if (!is_object.is_ok()) return is_object;
  Result<std::string> psid = recipient_id.string(stack::kWireIdBytesMax);
  if (!psid.is_ok()) return psid.status();
  if (!stack::is_decimal_digits(psid.value())) return recipient_id.error("expected a page-scoped id (digits)");
  Status tagged = read_tag(root, send);
  if (!tagged.is_ok()) return tagged;
  Status message_object = message.expect(JsonKind::kObject);
  if (!message_object.is_ok()) return message_object;
  if (!text.present() && message.value().member("attachment").present()) {
    return message.error("attachments are not supported by the fake");
  }
  Result<std::string> body = text.string(stack::kWireTextBytesMax);
  if (!body.is_ok()) return body.status();
  send.to_address = psid.take();
  send.text = body.take();
  return Status::ok();
}

Status with_prefix(const Status& status) { return Status(status.code(), "messenger send call: " + status.message()); }

}  // namespace

stack::HttpRequest MetaMessengerCodec::encode_webhook(const stack::DecodedWebhook& events,
                                                      const stack::WireCredentials& credentials) const {
  const std::string_view page = credentials.business_address;
  std::int64_t watermark = stack::kRunStartUnixSeconds * 1000;
  for (const stack::WireInbound& message : events.inbound) watermark = std::max(watermark, stack::to_unix_ms(message.sent_at));
  std::size_t bytes_expected = 32;
  for (const stack::WireInbound& message : events.inbound) {
    bytes_expected += 160 + 2 * page.size() + message.from_address.size() + message.message_id.size() + message.text.size();
  }
  for (const stack::WireReceipt& receipt : events.receipts) {
    bytes_expected += 160 + 2 * page.size() + receipt.recipient_address.size() + receipt.message_id.size();
  }
  std::string body;
  stack::BodyWriter out(body, bytes_expected);
  out.raw(R"({"object":"page","entry":[)");
  bool first = true;
  for (const stack::WireInbound& message : events.inbound) {
    if (!first) out.byte(',');
    first = false;
    write_message(out, message, page);
  }
  for (const Watermark& mark : group_receipts(events.receipts)) {
    if (!first) out.byte(',');
    first = false;
    write_watermark(out, mark, page, watermark);
  }
  out.raw("]}");
  out.finish();
  return signed_meta_webhook(std::move(body), credentials);
}

Result<stack::WireSend> MetaMessengerCodec::decode_send(const stack::HttpRequest& request,
                                                        const stack::WireCredentials& credentials) const {
  Result<std::string> node = graph_messages_node(request);
  if (!node.is_ok()) return with_prefix(node.status());
  Status token = check_graph_access_token(request, credentials);
  if (!token.is_ok()) return with_prefix(token);
  if (node.value() != "me" && !credentials.business_address.empty() && node.value() != credentials.business_address) {
    return with_prefix(Status(StatusCode::kInvalidInput, "unknown page " + stack::text_excerpt(node.value())));
  }
  Status size = stack::check_webhook_size(request.body.size());
  if (!size.is_ok()) return with_prefix(size);
  Result<stack::JsonDocument> document = stack::JsonDocument::parse(request.body);
  if (!document.is_ok()) return with_prefix(document.status());
  const JsonCursor root(document.value().root());
  stack::WireSend send;
  Status read = read_message(root, send);
  if (!read.is_ok()) return with_prefix(read);
  return send;
}

stack::HttpResponse MetaMessengerCodec::encode_send_response(const stack::WireSendAnswer& answer) const {
  if (answer.outcome.accepted) {
    stack::HttpResponse response;
    AsciiJsonWriter json(response.body);
    json.begin_object().member_text("message_id", answer.message_id).end_object();
    return response;
  }
  const ErrorInfo info = error_info(answer.outcome.error_code != 0 ? answer.outcome.error_code : kServiceUnavailable);
  return graph_error_response(GraphError{info.http_status, info.code, info.subcode, "OAuthException", info.message});
}

std::string MetaMessengerCodec::message_id(std::uint64_t number) const {
  return std::string(kMidPrefix) +
         stack::base64_encode(bytes_for(number, kMidScrambler, kMidBytes), stack::Base64Alphabet::kUrlUnpadded);
}

std::optional<std::uint64_t> MetaMessengerCodec::message_number(std::string_view id) const {
  if (!id.starts_with(kMidPrefix)) return std::nullopt;
  const std::optional<std::string> bytes =
      stack::base64_decode(id.substr(kMidPrefix.size()), stack::Base64Alphabet::kUrlUnpadded);
  if (!bytes || bytes->size() != kMidBytes) return std::nullopt;
  return number_of_bytes(*bytes, kMidScrambler);
}

std::string MetaMessengerCodec::opaque_address(std::uint64_t number) const { return psid_for(number); }

std::optional<std::uint64_t> MetaMessengerCodec::opaque_number(std::string_view address) const {
  return number_of_psid(address);
}

std::unique_ptr<ProviderWireCodec> make_meta_messenger_codec() { return std::make_unique<MetaMessengerCodec>(); }

}  // namespace msgsim::fakes
