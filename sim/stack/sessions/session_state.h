// The messaging session state machine of spec/platform.md §2, in one place.
// `transition_allowed` is the table; the session store refuses (by check)
// every transition it does not list.
#pragma once

#include <cstdint>

namespace msgsim::stack {

enum class SessionStatus : std::uint8_t { kNew, kWaiting, kActive, kInactive, kPaused, kConsent, kEnded, kError };
constexpr int kSessionStatusCount = 8;

enum class SessionOrigin : std::uint8_t { kInboundInitiated, kAgentInitiated, kTriggeredOutbound, kOptIn, kOptOut, kHelp };
enum class EndedBy : std::uint8_t { kNone, kAgent, kBot, kEndUser, kSystem };

const char* session_status_name(SessionStatus status);
bool is_open(SessionStatus status);
bool transition_allowed(SessionStatus from, SessionStatus to);

}  // namespace msgsim::stack
