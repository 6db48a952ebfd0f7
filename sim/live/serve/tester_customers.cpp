#include "sim/live/serve/tester_customers.h"

#include <utility>

#include "sim/runtime/check.h"

namespace msgsim::live {

using runtime::Status;
using runtime::StatusCode;

const char* persona_item_kind_name(PersonaItem::Kind kind) {
  switch (kind) {
    case PersonaItem::Kind::kSent: return "sent";
    case PersonaItem::Kind::kReceived: return "received";
    case PersonaItem::Kind::kAgentJoined: return "agent_joined";
  }
  return "sent";
}

namespace {

// The E.164 phone behind a phone channel's address ("+14155550123", or
// WhatsApp's "14155550123"); "" when it is none.
std::string phone_of(stack::ChannelType type, std::string_view address) {
  if (type != stack::ChannelType::kSms && type != stack::ChannelType::kWhatsapp) return {};
  std::string_view digits = address;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  if (digits.size() < 7 || digits.size() > 15) return {};
  for (const char c : digits) {
    if (c < '0' || c > '9') return {};
  }
  return "+" + std::string(digits);
}

}  // namespace

TesterCustomers::TesterCustomers(runtime::Runtime& runtime, fakes::GroundTruth& truth,
                                 const stack::ChannelRegistry& channels,
                                 const std::vector<fakes::ProviderFake*>& providers, Observer observer)
    : runtime_(runtime), truth_(truth), channels_(channels), providers_(providers), observer_(std::move(observer)) {}

Persona& TesterCustomers::add(stack::ChannelId channel, fakes::PersonId person, bool outsider, std::string address) {
  MSGSIM_CHECK(channel.value < providers_.size() && providers_[channel.value] != nullptr);
  Persona persona;
  persona.id = static_cast<std::uint32_t>(personas_.size() + 1);
  persona.channel = channel;
  persona.person = person;
  persona.handle = truth_.new_handle(persona.person);
  persona.outsider = outsider;
  persona.address = std::move(address);
  persona_of_handle_.emplace(persona.handle.value, persona.id);
  personas_.push_back(std::move(persona));
  return personas_.back();
}

runtime::Result<std::uint32_t> TesterCustomers::create(stack::ChannelId channel, std::uint32_t same_person_as) {
  if (console_personas_ >= kPersonasMax) {
    return Status(StatusCode::kUnavailable, "this session already has " + std::to_string(kPersonasMax) + " personas");
  }
  std::optional<fakes::PersonId> person;
  if (same_person_as != 0) {
    const Persona* earlier = find(same_person_as);
    if (earlier == nullptr) return Status(StatusCode::kNotFound, "no persona " + std::to_string(same_person_as));
    for (const Persona& other : personas_) {
      if (other.person == earlier->person && other.channel == channel) {
        return Status(StatusCode::kRefused, "persona " + std::to_string(other.id) + " is already that person on " +
                                                channels_.settings(channel).id);
      }
    }
    person = earlier->person;
  }
  ++console_personas_;
  if (!person) {
    person = truth_.add_person(fakes::kTesterPopulation, static_cast<std::uint32_t>(personas_.size() + 1),
                               runtime_.now());
  }
  return add(channel, *person, false, {}).id;
}

std::optional<fakes::PersonId> TesterCustomers::person_with_phone(const std::string& phone) const {
  if (phone.empty()) return std::nullopt;
  // A persona's phone is fixed when it is added, so the index only needs the
  // personas added since the last lookup; the earliest persona keeps a phone.
  for (; phones_indexed_ < personas_.size(); ++phones_indexed_) {
    const fakes::PersonId person = personas_[phones_indexed_].person;
    person_of_phone_.try_emplace(truth_.identity(person).phone, person);
  }
  const auto it = person_of_phone_.find(phone);
  if (it == person_of_phone_.end()) return std::nullopt;
  return it->second;
}

Status TesterCustomers::send(std::uint32_t persona_id, std::string text) {
  if (persona_id == 0 || persona_id > personas_.size()) {
    return Status(StatusCode::kNotFound, "no persona " + std::to_string(persona_id));
  }
  Persona& persona = personas_[persona_id - 1];
  if (persona.outsider) {
    return Status(StatusCode::kRefused, "persona " + std::to_string(persona_id) +
                                            " is the sender of a tester's own webhooks; post as them instead");
  }
  PersonaItem item{PersonaItem::Kind::kSent, runtime_.now(), text};
  providers_[persona.channel.value]->customer_send(persona.person, persona.handle, std::move(text));
  persona.items.push_back(std::move(item));
  if (observer_) observer_(persona, persona.items.back());
  return Status::ok();
}

std::optional<stack::CustomerHandle> TesterCustomers::admit(stack::ChannelId channel, std::string_view address) {
  // Phone channels: one phone is one person, on SMS and WhatsApp alike, so the
  // stack linking them by phone is right by the ground truth too.
  const std::string phone = phone_of(channels_.settings(channel).type, address);
  std::optional<fakes::PersonId> person = person_with_phone(phone);
  if (!person) {
    person = truth_.add_person(fakes::kTesterPopulation, static_cast<std::uint32_t>(personas_.size() + 1),
                               runtime_.now());
    if (!phone.empty()) truth_.identity(*person).phone = phone;
  }
  return add(channel, *person, true, std::string(address)).handle;
}

const Persona* TesterCustomers::find(std::uint32_t persona) const {
  if (persona == 0 || persona > personas_.size()) return nullptr;
  return &personas_[persona - 1];
}

void TesterCustomers::store(stack::CustomerHandle handle, PersonaItem item) {
  const auto it = persona_of_handle_.find(handle.value);
  if (it == persona_of_handle_.end()) return;  // a handle of a tester person made elsewhere
  Persona& persona = personas_[it->second - 1];
  persona.items.push_back(std::move(item));
  if (observer_) observer_(persona, persona.items.back());
}

void TesterCustomers::note_sent(stack::CustomerHandle handle, std::string text) {
  store(handle, PersonaItem{PersonaItem::Kind::kSent, runtime_.now(), std::move(text)});
}

void TesterCustomers::on_business_message(stack::ChannelId, stack::CustomerHandle handle, std::string_view text) {
  store(handle, PersonaItem{PersonaItem::Kind::kReceived, runtime_.now(), std::string(text)});
}

void TesterCustomers::on_agent_joined(stack::ChannelId, stack::CustomerHandle handle) {
  store(handle, PersonaItem{PersonaItem::Kind::kAgentJoined, runtime_.now(), {}});
}

}  // namespace msgsim::live
