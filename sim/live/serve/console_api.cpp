#include "sim/live/serve/console_api.h"

#include <vector>

#include "sim/live/serve/json_api.h"
#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::live {

using runtime::Status;
using runtime::StatusCode;

namespace {

constexpr std::string_view kPersonasPrefix = "/api/personas/";
constexpr std::string_view kSeatPrefix = "/api/seat/";
// A chat message a tester types; far above what any platform allows.
constexpr std::size_t kTextBytesMax = stack::kWireTextBytesMax;
constexpr std::size_t kIdBytesMax = 200;

// The path below `prefix`, split at '/': "/api/seat/offers/3/accept" -> offers, 3, accept.
std::vector<std::string_view> segments_after(std::string_view path, std::string_view prefix) {
  std::vector<std::string_view> parts;
  std::string_view rest = path.substr(prefix.size());
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return parts;
}

stack::HttpResponse not_found(std::string_view path) {
  return error_answer(Status(StatusCode::kNotFound, "no API at " + std::string(path.substr(0, 200))));
}

stack::HttpResponse no_seat() {
  return error_answer(Status(StatusCode::kRefused,
                             "this session has no agent seat (start msgsim serve with --agent-seat GROUP)"));
}

}  // namespace

const char* channel_rules_text(stack::ChannelType type) {
  switch (type) {
    case stack::ChannelType::kSms:
      return "Replies any time while opted in. STOP (or another opt-out keyword) opts out: only the confirmation "
             "gets through until START.";
    case stack::ChannelType::kWhatsapp:
      return "Free-form replies within 24 h of the customer's last message; after that, approved templates only.";
    case stack::ChannelType::kMessenger:
      return "Replies within 24 h of the customer's last message; a human agent may answer up to 7 days later "
             "(HUMAN_AGENT tag).";
    case stack::ChannelType::kApple:
      return "The business cannot write first, nor after the customer deleted the conversation until they write "
             "again. No delivery receipts.";
    case stack::ChannelType::kLine:
      return "Replies use the message's reply token (single use, about a minute); pushes reach followers any time.";
    case stack::ChannelType::kWeb:
      return "Replies only within an open session; no business-initiated messages. The chat shows when an agent "
             "joins.";
    case stack::ChannelType::kInApp: return "Replies any time; business-initiated messages are allowed.";
    case stack::ChannelType::kByoc:
    case stack::ChannelType::kByocCcaas: return "What the partner registered: consent may be the partner's.";
  }
  return "";
}

void ConsoleApi::add_routes(HttpServer& server) {
  server.add_route("GET", "/api/state", [this](const stack::HttpRequest&) {
    parts_.catch_up();
    return state();
  });
  server.add_route("POST", "/api/personas", [this](const stack::HttpRequest& request) {
    parts_.catch_up();
    return create_persona(request);
  });
  auto personas_handler = [this](const stack::HttpRequest& request) {
    parts_.catch_up();
    return personas(request);
  };
  server.add_prefix_route("GET", std::string(kPersonasPrefix), personas_handler);
  server.add_prefix_route("POST", std::string(kPersonasPrefix), personas_handler);
  server.add_route("GET", "/api/seat", [this](const stack::HttpRequest&) {
    parts_.catch_up();
    if (parts_.seat == nullptr) return no_seat();
    return json_answer(200, parts_.seat->state_json());
  });
  server.add_prefix_route("GET", std::string(kSeatPrefix), [this](const stack::HttpRequest& request) {
    parts_.catch_up();
    return seat_get(request);
  });
  server.add_prefix_route("POST", std::string(kSeatPrefix), [this](const stack::HttpRequest& request) {
    parts_.catch_up();
    return seat_post(request);
  });
  server.add_route("GET", "/api/supervisor", [this](const stack::HttpRequest&) {
    parts_.catch_up();
    return json_answer(200, parts_.supervisor());
  });
}

nlohmann::ordered_json ConsoleApi::channels_json() const {
  stack::ChannelRegistry& channels = parts_.world.stack().channels();
  harness::WireBoundaries* wire = parts_.world.wire_boundaries();
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::uint32_t i = 0; i < channels.size(); ++i) {
    const stack::ChannelId id(i);
    const stack::ChannelSettings& settings = channels.settings(id);
    const stack::WireEndpoint* endpoint = wire != nullptr ? wire->endpoint(id) : nullptr;
    out.push_back({{"id", settings.id},
                   {"type", stack::channel_type_name(settings.type)},
                   {"address", endpoint != nullptr ? endpoint->credentials().business_address : settings.address},
                   {"webhook_url", endpoint != nullptr ? endpoint->credentials().webhook_url : std::string()},
                   {"rules", channel_rules_text(settings.type)}});
  }
  return out;
}

nlohmann::ordered_json ConsoleApi::persona_json(const Persona& persona, bool with_items) const {
  stack::ChannelRegistry& channels = parts_.world.stack().channels();
  const stack::ChannelSettings& channel = channels.settings(persona.channel);
  std::string address = persona.address;
  harness::WireBoundaries* wire = parts_.world.wire_boundaries();
  if (address.empty() && wire != nullptr && wire->endpoint(persona.channel) != nullptr) {
    address = wire->endpoint(persona.channel)->address_of(persona.handle);
  }
  nlohmann::ordered_json out = {{"id", persona.id},
                                {"channel", channel.id},
                                {"type", stack::channel_type_name(channel.type)},
                                {"address", address},
                                {"outsider", persona.outsider},
                                {"item_count", persona.items.size()}};
  if (!with_items) return out;
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const PersonaItem& item : persona.items) {
    items.push_back({{"kind", persona_item_kind_name(item.kind)}, {"at_s", item.at.to_seconds()}, {"text", item.text}});
  }
  out["items"] = std::move(items);
  return out;
}

stack::HttpResponse ConsoleApi::state() const {
  nlohmann::ordered_json view = parts_.session_facts();
  view["channels"] = channels_json();
  stack::Router& router = parts_.world.stack().router();
  nlohmann::ordered_json queues = nlohmann::ordered_json::array();
  for (std::uint32_t q = 0; q < router.queue_count(); ++q) queues.push_back(router.queue(stack::QueueId(q)).id);
  view["queues"] = std::move(queues);
  view["seat"] = parts_.seat != nullptr ? parts_.seat->state_json() : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json personas = nlohmann::ordered_json::array();
  for (const Persona& persona : parts_.testers.all()) personas.push_back(persona_json(persona, false));
  view["personas"] = std::move(personas);
  return json_answer(200, view);
}

stack::HttpResponse ConsoleApi::create_persona(const stack::HttpRequest& request) {
  runtime::Result<nlohmann::json> body = json_object_body(request);
  if (!body.is_ok()) return error_answer(body.status());
  runtime::Result<std::string> channel_id = string_field(body.value(), "channel", kIdBytesMax);
  if (!channel_id.is_ok()) return error_answer(channel_id.status());
  const stack::ChannelId channel = parts_.world.stack().channels().find(channel_id.value());
  if (!channel.valid()) {
    return error_answer(Status(StatusCode::kInvalidInput, "field 'channel': no channel \"" + channel_id.value() + "\""));
  }
  std::uint32_t same_person_as = 0;
  if (const auto same = body.value().find("same_person_as"); same != body.value().end() && !same->is_null()) {
    if (!same->is_number_unsigned() || same->get<std::uint64_t>() > 0xFFFFFFFFu) {
      return error_answer(Status(StatusCode::kInvalidInput, "field 'same_person_as' must be a persona id"));
    }
    same_person_as = same->get<std::uint32_t>();
  }
  runtime::Result<std::uint32_t> created = parts_.testers.create(channel, same_person_as);
  if (!created.is_ok()) return error_answer(created.status());
  return json_answer(201, persona_json(*parts_.testers.find(created.value()), true));
}

stack::HttpResponse ConsoleApi::personas(const stack::HttpRequest& request) {
  const std::vector<std::string_view> parts = segments_after(request.path(), kPersonasPrefix);
  if (parts.empty() || parts.size() > 2) return not_found(request.path());
  runtime::Result<std::uint32_t> id = parse_path_id(parts[0], "persona");
  if (!id.is_ok()) return error_answer(id.status());
  const Persona* persona = parts_.testers.find(id.value());
  if (persona == nullptr) return error_answer(Status(StatusCode::kNotFound, "no persona " + std::string(parts[0])));
  if (parts.size() == 1 && request.method == "GET") return json_answer(200, persona_json(*persona, true));
  if (parts.size() != 2 || parts[1] != "messages" || request.method != "POST") return not_found(request.path());
  runtime::Result<nlohmann::json> body = json_object_body(request);
  if (!body.is_ok()) return error_answer(body.status());
  runtime::Result<std::string> text = string_field(body.value(), "text", kTextBytesMax);
  if (!text.is_ok()) return error_answer(text.status());
  Status sent = parts_.testers.send(id.value(), text.take());
  if (!sent.is_ok()) return error_answer(sent);
  return json_answer(202, persona_json(*parts_.testers.find(id.value()), true));
}

stack::HttpResponse ConsoleApi::seat_get(const stack::HttpRequest& request) const {
  if (parts_.seat == nullptr) return no_seat();
  const std::vector<std::string_view> parts = segments_after(request.path(), kSeatPrefix);
  if (parts.size() != 2 || parts[0] != "sessions") return not_found(request.path());
  runtime::Result<std::uint32_t> session = parse_path_id(parts[1], "session");
  if (!session.is_ok()) return error_answer(session.status());
  if (!parts_.seat->knows_session(session.value())) {
    return error_answer(Status(StatusCode::kNotFound, "session " + std::string(parts[1]) + " was never given to this seat"));
  }
  const stack::SessionId id(session.value());
  nlohmann::ordered_json view = conversation_json(parts_.world.stack(), parts_.conversations, id, parts_.address_of);
  nlohmann::ordered_json refusals = nlohmann::ordered_json::array();
  for (const SeatRefusal& refusal : parts_.seat->refusals_of(id)) {
    refusals.push_back({{"at_s", refusal.at.to_seconds()}, {"text", refusal.text}, {"reason", refusal.reason}});
  }
  view["refusals"] = std::move(refusals);
  return json_answer(200, view);
}

stack::HttpResponse ConsoleApi::seat_post(const stack::HttpRequest& request) {
  if (parts_.seat == nullptr) return no_seat();
  const std::vector<std::string_view> parts = segments_after(request.path(), kSeatPrefix);
  if (parts.size() == 1 && parts[0] == "presence") {
    runtime::Result<nlohmann::json> body = json_object_body(request);
    if (!body.is_ok()) return error_answer(body.status());
    runtime::Result<std::string> status = string_field(body.value(), "status", kIdBytesMax);
    if (!status.is_ok()) return error_answer(status.status());
    Status set = parts_.seat->set_presence(status.value());
    if (!set.is_ok()) return error_answer(set);
    return json_answer(200, parts_.seat->state_json());
  }
  if (parts.size() == 3 && parts[0] == "offers" && (parts[2] == "accept" || parts[2] == "decline")) {
    runtime::Result<std::uint32_t> work = parse_path_id(parts[1], "work");
    if (!work.is_ok()) return error_answer(work.status());
    Status answered = parts[2] == "accept" ? parts_.seat->accept(work.value()) : parts_.seat->decline(work.value());
    if (!answered.is_ok()) return error_answer(answered);
    return json_answer(200, parts_.seat->state_json());
  }
  if (parts.size() == 3 && parts[0] == "sessions") {
    runtime::Result<std::uint32_t> session = parse_path_id(parts[1], "session");
    if (!session.is_ok()) return error_answer(session.status());
    return session_action(session.value(), parts[2], request);
  }
  return not_found(request.path());
}

stack::HttpResponse ConsoleApi::session_action(std::uint32_t session, std::string_view action,
                                               const stack::HttpRequest& request) {
  BrowserSeat& seat = *parts_.seat;
  if (action == "inactive" || action == "end") {
    Status done = action == "end" ? seat.end(session) : seat.mark_inactive(session);
    if (!done.is_ok()) return error_answer(done);
    return json_answer(200, seat.state_json());
  }
  if (action != "messages" && action != "transfer") return not_found(request.path());
  runtime::Result<nlohmann::json> body = json_object_body(request);
  if (!body.is_ok()) return error_answer(body.status());
  if (action == "transfer") {
    runtime::Result<std::string> queue = string_field(body.value(), "queue", kIdBytesMax);
    if (!queue.is_ok()) return error_answer(queue.status());
    Status moved = seat.transfer(session, queue.value());
    if (!moved.is_ok()) return error_answer(moved);
    return json_answer(200, seat.state_json());
  }
  runtime::Result<std::string> text = string_field(body.value(), "text", kTextBytesMax);
  if (!text.is_ok()) return error_answer(text.status());
  runtime::Result<stack::OutboundId> sent = seat.send(session, text.value());
  if (!sent.is_ok()) {
    stack::HttpResponse refused = error_answer(sent.status());
    if (sent.status().code() == StatusCode::kRefused || sent.status().code() == StatusCode::kInvalidInput) {
      refused = json_answer(409, {{"error", sent.status().message()}, {"refused", true}});
    }
    return refused;
  }
  return json_answer(202, {{"session", session}, {"outbound", sent.value().value}});
}

}  // namespace msgsim::live
