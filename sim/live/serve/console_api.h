// The browser console's JSON API, on the live session's HTTP server. Every
// handler first brings simulated time to now, then reads or acts on the
// world (customers through the fake providers, the agent seat through the
// stack's console):
//
//   GET  /api/state                           channels (with their rules), queues, the seat, personas
//   POST /api/personas                        {"channel": ID, "same_person_as": PERSONA?} -> 201 a persona
//   GET  /api/personas/<id>                   the persona and what its device showed
//   POST /api/personas/<id>/messages          {"text": ...} -> 202
//   GET  /api/seat                            the Omni widget: presence, capacity, offers, sessions
//   POST /api/seat/presence                   {"status": "online"|"busy"|"away"|"offline"}
//   POST /api/seat/offers/<work>/accept       (and /decline)
//   GET  /api/seat/sessions/<id>              the conversation, with the contact's history across channels
//   POST /api/seat/sessions/<id>/messages     {"text": ...} -> 202, or 409 with the refusal
//   POST /api/seat/sessions/<id>/transfer     {"queue": ID}
//   POST /api/seat/sessions/<id>/inactive     (and /end)
//   GET  /api/supervisor                      the supervisor view
//
// Errors are JSON {"error": message}: 400 naming the field, 404 for unknown
// ids, 409 for what the channel, consent or console refuses, 503 when full.
// Single-threaded: the server's io_context thread.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/harness/world.h"
#include "sim/live/http_server.h"
#include "sim/live/serve/browser_seat.h"
#include "sim/live/serve/conversation_view.h"
#include "sim/live/serve/tester_customers.h"

namespace msgsim::live {

struct ConsoleApiParts {
  harness::World& world;
  TesterCustomers& testers;
  BrowserSeat* seat;  // null: the session has no seat
  const ConversationIndex& conversations;
  CustomerAddress address_of;
  // Brings simulated time to now before the handler reads or acts.
  std::function<void()> catch_up;
  // The session facts for /api/state (scenario, time, speed, ...).
  std::function<nlohmann::ordered_json()> session_facts;
  std::function<nlohmann::ordered_json()> supervisor;
};

class ConsoleApi {
 public:
  explicit ConsoleApi(ConsoleApiParts parts) : parts_(std::move(parts)) {}

  // Adds the routes above. `this` must outlive the server's use of them.
  void add_routes(HttpServer& server);

  // The persona as JSON: {"id","channel","type","address","outsider","items":[{"kind","at_s","text"}]}
  nlohmann::ordered_json persona_json(const Persona& persona, bool with_items) const;

 private:
  stack::HttpResponse state() const;
  stack::HttpResponse create_persona(const stack::HttpRequest& request);
  stack::HttpResponse personas(const stack::HttpRequest& request);
  stack::HttpResponse seat_get(const stack::HttpRequest& request) const;
  stack::HttpResponse seat_post(const stack::HttpRequest& request);
  stack::HttpResponse session_action(std::uint32_t session, std::string_view action,
                                     const stack::HttpRequest& request);
  nlohmann::ordered_json channels_json() const;

  ConsoleApiParts parts_;
};

// What a tester should know of a channel type's rules, in one sentence.
const char* channel_rules_text(stack::ChannelType type);

}  // namespace msgsim::live
