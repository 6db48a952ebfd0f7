#include "sim/stack/users/identity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <regex>
#include <utility>

#include <phonenumbers/phonenumberutil.h>

#include "sim/runtime/check.h"

namespace msgsim::stack {

using runtime::Status;
using runtime::StatusCode;
using runtime::Time;

namespace {

constexpr std::string_view kPhoneKey = "phone:";
constexpr std::string_view kSubjectKey = "subject:";

bool phone_channel(ChannelType type) { return type == ChannelType::kSms || type == ChannelType::kWhatsapp; }
bool verified_channel(ChannelType type) { return type == ChannelType::kWeb || type == ChannelType::kInApp; }

// The address of a message as a phone number. A WhatsApp wa_id is the
// international number without its "+": read with a "+" so no region applies.
std::optional<std::string> address_phone(ChannelType type, const std::string& address, std::string_view region) {
  if (address.empty()) return std::nullopt;
  if (type == ChannelType::kWhatsapp && address.front() != '+') return normalize_phone("+" + address, region);
  return normalize_phone(address, region);
}

// Calling codes whose E.164 numbers the fast path reads: countries where
// the library's parse of "+<code><national number>" changes nothing but a
// national (trunk) prefix, which the fast path leaves to the full parse.
// identity_test checks the fast path against the full parse for each.
constexpr std::array<int, 23> kFastCallingCodes = {1,  7,  27, 31, 32, 33, 34, 39, 41,  43,  44, 45,
                                                   46, 47, 48, 49, 64, 65, 81, 82, 91, 351, 353};

constexpr std::size_t kNationalDigitsMin = 2;
constexpr std::size_t kNationalDigitsMax = 17;

struct FastCallingCode {
  int code = 0;
  std::string code_digits;
  std::string trunk_prefix;  // the region's national (trunk) prefix, digits only
  // Whether a national number of each length is possible: the library
  // decides that by the length of the national significant number alone.
  std::array<bool, kNationalDigitsMax + 1> possible_by_length{};
};

const std::vector<FastCallingCode>& fast_calling_codes() {
  static const std::vector<FastCallingCode> codes = [] {
    const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
    std::vector<FastCallingCode> table;
    for (const int code : kFastCallingCodes) {
      std::string region;
      util.GetRegionCodeForCountryCode(code, &region);
      FastCallingCode entry{code, std::to_string(code), {}, {}};
      util.GetNddPrefixForRegion(region, true, &entry.trunk_prefix);
      std::uint64_t national = 2;
      for (std::size_t length = 1; length <= kNationalDigitsMax; ++length, national *= 10) {
        i18n::phonenumbers::PhoneNumber number;
        number.set_country_code(code);
        number.set_national_number(national);
        entry.possible_by_length[length] = util.IsPossibleNumber(number);
      }
      table.push_back(std::move(entry));
    }
    return table;
  }();
  return codes;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

enum class PlainE164 : std::uint8_t { kNotPlain, kPossible, kImpossible };

// Reads "+<calling code><national number>" for a calling code of the fast
// list without the full parse's pattern matching (a tenth of its cost):
// such a text is its own E.164 form when possible. kNotPlain leaves the
// decision to the full parse.
PlainE164 read_plain_e164(std::string_view text) {
  if (text.size() < 3 || text.front() != '+' || !all_digits(text.substr(1))) return PlainE164::kNotPlain;
  const std::string_view digits = text.substr(1);
  for (const FastCallingCode& entry : fast_calling_codes()) {
    if (digits.substr(0, entry.code_digits.size()) != entry.code_digits) continue;
    const std::string_view national = digits.substr(entry.code_digits.size());
    if (national.size() < kNationalDigitsMin || national.size() > kNationalDigitsMax) return PlainE164::kNotPlain;
    if (!entry.trunk_prefix.empty() && national.substr(0, entry.trunk_prefix.size()) == entry.trunk_prefix) {
      return PlainE164::kNotPlain;
    }
    // Leading zeros stay part of the national number (the library's
    // "Italian leading zero"), so its length is the digits' count.
    return entry.possible_by_length[national.size()] ? PlainE164::kPossible : PlainE164::kImpossible;
  }
  return PlainE164::kNotPlain;
}

}  // namespace

std::optional<std::string> normalize_phone(std::string_view text, std::string_view region) {
  switch (read_plain_e164(text)) {
    case PlainE164::kPossible: return std::string(text);
    case PlainE164::kImpossible: return std::nullopt;
    case PlainE164::kNotPlain: break;
  }
  return normalize_phone_by_full_parse(text, region);
}

std::optional<std::string> normalize_phone_by_full_parse(std::string_view text, std::string_view region) {
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber number;
  if (util.Parse(std::string(text), std::string(region), &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  // Possible, not valid: validity needs carrier ranges that change; a wrong
  // length or country code is what separates a number from other digits.
  if (!util.IsPossibleNumber(number)) return std::nullopt;
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

std::vector<int> fast_phone_calling_codes() { return {kFastCallingCodes.begin(), kFastCallingCodes.end()}; }

std::vector<std::string> typed_identifiers(std::string_view text, std::string_view region) {
  // Deliberately simple, as a platform's "detect contact details" is: a run
  // of digits and separators long enough to be a number, or an address shape.
  static const std::regex kPattern(R"((\+?[0-9][0-9 ().\-]{6,}[0-9]))"
                                   R"(|([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}))");
  std::vector<std::string> keys;
  const std::string input(text);
  for (auto it = std::sregex_iterator(input.begin(), input.end(), kPattern); it != std::sregex_iterator(); ++it) {
    const std::smatch& match = *it;
    if (match[1].matched) {
      if (std::optional<std::string> phone = normalize_phone(match[1].str(), region)) {
        keys.push_back(std::string(kPhoneKey) + *phone);
      }
    } else {
      std::string email = match[2].str();
      std::transform(email.begin(), email.end(), email.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      keys.push_back("email:" + email);
    }
  }
  return keys;
}

void Identity::on_inbound(MessagingUserId user, ChannelType type, bool created, const InboundWebhook& webhook,
                          Time now) {
  const IdentityPolicy policy = settings_.policy;
  if (policy == IdentityPolicy::kNone) return;
  if (verified_channel(type) && !webhook.verified_subject.empty()) {
    claim(std::string(kSubjectKey) + webhook.verified_subject, user, LinkCause::kVerifiedSubject, now);
  }
  if (policy == IdentityPolicy::kStrict) return;
  if (created && phone_channel(type)) {
    if (std::optional<std::string> phone = address_phone(type, webhook.from_address, settings_.phone_region)) {
      claim(std::string(kPhoneKey) + *phone, user, LinkCause::kPhone, now);
    }
  }
  if (policy != IdentityPolicy::kPhoneEmail) return;
  for (const std::string& key : typed_identifiers(webhook.text, settings_.phone_region)) {
    claim(key, user, LinkCause::kTypedIdentifier, now);
  }
}

Status Identity::link_by_agent(AgentId agent, MessagingUserId user, ContactId contact, Time now) {
  if (settings_.policy == IdentityPolicy::kNone) return Status(StatusCode::kRefused, "identity policy is none");
  if (!contact.valid() || contact.value >= contacts_.size()) return Status(StatusCode::kNotFound, "no such contact");
  const ContactId current = users_.get(user).contact;
  if (current == contact) return Status::ok();
  if (current) {
    // The agent's word merges the two contacts: the lower id survives.
    const ContactId into = std::min(current, contact);
    const ContactId from = std::max(current, contact);
    for (MessagingUserId moved : contacts_.absorb(into, from)) {
      set_contact(moved, into, LinkCause::kAgent, now, agent);
    }
    return Status::ok();
  }
  set_contact(user, contact, LinkCause::kAgent, now, agent);
  contacts_.add(contact, user);
  return Status::ok();
}

void Identity::claim(const std::string& key, MessagingUserId user, LinkCause cause, Time now) {
  std::vector<Claim>& claims = claims_[key];
  const bool phone = cause == LinkCause::kPhone || key.starts_with(kPhoneKey);
  Claim* own = nullptr;
  for (Claim& earlier : claims) {
    if (earlier.user == user) {
      own = &earlier;
      continue;
    }
    if (phone && reassigned_since(key, earlier.seen_at, now)) continue;
    join(earlier.user, user, cause, now);
  }
  if (own != nullptr) {
    own->seen_at = now;
  } else {
    claims.push_back(Claim{user, now});
  }
}

bool Identity::reassigned_since(const std::string& key, Time from, Time to) const {
  if (!settings_.reassigned_numbers_check || reassigned_ == nullptr) return false;
  return reassigned_->reassigned_between(std::string_view(key).substr(kPhoneKey.size()), from, to);
}

void Identity::join(MessagingUserId a, MessagingUserId b, LinkCause cause, Time now, AgentId agent) {
  const ContactId ca = users_.get(a).contact;
  const ContactId cb = users_.get(b).contact;
  if (ca && ca == cb) return;
  if (!ca && !cb) {
    const ContactId contact = contacts_.create();
    contacts_.add(contact, a);
    set_contact(a, contact, cause, now, agent);
    contacts_.add(contact, b);
    set_contact(b, contact, cause, now, agent);
    return;
  }
  if (!ca || !cb) {
    const MessagingUserId loose = ca ? b : a;
    const ContactId contact = ca ? ca : cb;
    contacts_.add(contact, loose);
    set_contact(loose, contact, cause, now, agent);
    return;
  }
  const ContactId into = std::min(ca, cb);
  for (MessagingUserId moved : contacts_.absorb(into, std::max(ca, cb))) set_contact(moved, into, cause, now, agent);
}

void Identity::set_contact(MessagingUserId user, ContactId contact, LinkCause cause, Time now, AgentId agent) {
  users_.get(user).contact = contact;
  TraceEvent event{now, TraceKind::kContactLinked, static_cast<std::uint8_t>(cause)};
  event.user = user;
  event.channel = users_.get(user).channel;
  event.agent = agent;
  event.message = contact.value;
  tracer_.publish(event);
}

}  // namespace msgsim::stack
