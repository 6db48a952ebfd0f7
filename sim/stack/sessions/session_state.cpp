#include "sim/stack/sessions/session_state.h"

namespace msgsim::stack {

namespace {
using S = SessionStatus;
constexpr int kCount = kSessionStatusCount;

// kAllowed[from][to]; rows and columns in SessionStatus order:
// New, Waiting, Active, Inactive, Paused, Consent, Ended, Error.
constexpr bool kAllowed[kCount][kCount] = {
    /* New      */ {false, false, true, false, false, false, true, true},
    /* Waiting  */ {false, false, true, false, false, false, true, true},
    /* Active   */ {false, true, false, true, true, false, true, true},
    /* Inactive */ {false, true, true, false, false, false, true, true},
    /* Paused   */ {false, true, true, false, false, false, true, true},
    /* Consent  */ {false, false, false, false, false, false, true, true},
    /* Ended    */ {false, false, false, false, false, false, false, false},
    /* Error    */ {false, false, false, false, false, false, false, false},
};
}  // namespace

const char* session_status_name(SessionStatus status) {
  switch (status) {
    case S::kNew: return "New";
    case S::kWaiting: return "Waiting";
    case S::kActive: return "Active";
    case S::kInactive: return "Inactive";
    case S::kPaused: return "Paused";
    case S::kConsent: return "Consent";
    case S::kEnded: return "Ended";
    case S::kError: return "Error";
  }
  return "Unknown";
}

bool is_open(SessionStatus status) { return status != S::kEnded && status != S::kError; }

bool transition_allowed(SessionStatus from, SessionStatus to) {
  return kAllowed[static_cast<int>(from)][static_cast<int>(to)];
}

}  // namespace msgsim::stack
