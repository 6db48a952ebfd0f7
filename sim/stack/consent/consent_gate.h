// The consent check of the one outbound gate, as a seam. The stack's own
// check is the consent ledger's (ConsentLedger::allows); OutboundSender uses
// it unless a ConsentGate is installed in its place. Installing one is for
// tests only: a deliberately faulty gate shows that the consent oracle, which
// judges from the provider boundary and never from the ledger, catches a
// stack that forgets to ask. Called on the stack's thread.
#pragma once

#include "sim/runtime/status.h"
#include "sim/stack/consent/consent_ledger.h"
#include "sim/stack/consent/consent_settings.h"
#include "sim/stack/ids.h"

namespace msgsim::stack {

class ConsentGate {
 public:
  virtual ~ConsentGate() = default;
  // Ok iff a message of kind `response` may go to `user` now. `ledger` is the
  // stack's ledger, so a gate may forward to ledger.allows(...) for the cases
  // it does not fake.
  virtual runtime::Status allows(const ConsentLedger& ledger, MessagingUserId user,
                                 const ChannelConsentSettings& settings, ConsentResponse response) const = 0;
};

}  // namespace msgsim::stack
