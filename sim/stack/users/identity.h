// Identity resolution: decides which messaging users belong to one contact
// (the cross-channel view). Each customer message presents identifiers: the
// customer's address (a phone on SMS and WhatsApp), a verified subject (the
// JWT sub of a web or in-app login), and, under the phone_email policy, the
// phone numbers and e-mails typed in the text. Users presenting the same
// identifier are linked, as the org's policy allows:
//
//   strict       only the same verified subject, or an agent's explicit link
//   verified     also the same E.164 phone on SMS and WhatsApp (default)
//   phone_email  also identifiers typed in messages (nobody verified them)
//   none         never
//
// With reassigned_numbers_check, a phone link is refused when the reassigned-
// numbers database says the number changed hands since the earlier user last
// presented it. Every change of a user's contact publishes kContactLinked
// (user, contact in `message`, LinkCause in `detail`). Owned by the Stack;
// single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/runtime/status.h"
#include "sim/runtime/time.h"
#include "sim/stack/channels/channel_settings.h"
#include "sim/stack/channels/payloads.h"
#include "sim/stack/trace.h"
#include "sim/stack/users/contacts.h"
#include "sim/stack/users/messaging_users.h"

namespace msgsim::stack {

enum class IdentityPolicy : std::uint8_t { kStrict, kVerified, kPhoneEmail, kNone };

// Why a user joined a contact (kContactLinked's detail).
enum class LinkCause : std::uint8_t { kVerifiedSubject, kPhone, kTypedIdentifier, kAgent };

struct IdentitySettings {
  IdentityPolicy policy = IdentityPolicy::kVerified;
  std::string phone_region = "US";  // ISO 3166 region for numbers without a country code
  bool reassigned_numbers_check = true;
};

// The reassigned-numbers database (in the US, the FCC's RND): whether a phone
// number was disconnected and given to someone else. Implemented outside the
// stack (a fake in simulation).
class ReassignedNumbers {
 public:
  virtual ~ReassignedNumbers() = default;
  // True iff `e164` was reassigned at a time in (from, to].
  virtual bool reassigned_between(std::string_view e164, runtime::Time from, runtime::Time to) const = 0;
};

// `text` as an E.164 number ("+14155550123"), or none when it is not a phone
// number. Numbers without a country code are read in `region`.
std::optional<std::string> normalize_phone(std::string_view text, std::string_view region);
// The same through the phone library's full parse alone (normalize_phone
// reads plain E.164 numbers of common calling codes itself, ten times
// faster), and those calling codes: for tests that hold the two equal.
std::optional<std::string> normalize_phone_by_full_parse(std::string_view text, std::string_view region);
std::vector<int> fast_phone_calling_codes();

// Identifiers typed in `text`: "phone:<E.164>" and "email:<lowercase>" keys,
// in order of appearance.
std::vector<std::string> typed_identifiers(std::string_view text, std::string_view region);

class Identity {
 public:
  Identity(const Tracer& tracer, MessagingUsers& users) : tracer_(tracer), users_(users) {}
  Identity(const Identity&) = delete;
  Identity& operator=(const Identity&) = delete;

  void configure(IdentitySettings settings) { settings_ = std::move(settings); }
  // None = no database: phone links are not checked.
  void set_reassigned_numbers(const ReassignedNumbers* numbers) { reassigned_ = numbers; }

  // A customer message from `user` on a channel of `type`; `created` is true
  // for the user's first message (its address is read only then).
  void on_inbound(MessagingUserId user, ChannelType type, bool created, const InboundWebhook& webhook,
                  runtime::Time now);
  // An agent links `user` to `contact` (the agent checked it is the same
  // person). kRefused under policy none, kNotFound for an unknown contact.
  runtime::Status link_by_agent(AgentId agent, MessagingUserId user, ContactId contact, runtime::Time now);

  // The user's contact, or none.
  ContactId contact_of(MessagingUserId user) const { return users_.get(user).contact; }
  const Contacts& contacts() const { return contacts_; }
  const IdentitySettings& settings() const { return settings_; }

 private:
  struct Claim {
    MessagingUserId user;
    runtime::Time seen_at;
  };
  // `user` presents `key`: it joins every earlier user that presented it.
  void claim(const std::string& key, MessagingUserId user, LinkCause cause, runtime::Time now);
  bool reassigned_since(const std::string& key, runtime::Time from, runtime::Time to) const;
  // Puts `a` and `b` in one contact (the lower id when both have one).
  void join(MessagingUserId a, MessagingUserId b, LinkCause cause, runtime::Time now, AgentId agent = AgentId());
  void set_contact(MessagingUserId user, ContactId contact, LinkCause cause, runtime::Time now, AgentId agent);

  const Tracer& tracer_;
  MessagingUsers& users_;
  IdentitySettings settings_;
  const ReassignedNumbers* reassigned_ = nullptr;
  Contacts contacts_;
  // Looked up by key only, never iterated: its order cannot reach a decision.
  std::unordered_map<std::string, std::vector<Claim>> claims_;
};

}  // namespace msgsim::stack
