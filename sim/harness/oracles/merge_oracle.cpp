#include "sim/harness/oracles/merge_oracle.h"

#include <algorithm>
#include <map>
#include <utility>

#include "sim/stack/users/identity.h"

namespace msgsim::harness {

using stack::MessagingUserId;
using stack::TraceKind;

namespace {

std::uint64_t pairs_of(std::uint64_t count) { return count < 2 ? 0 : count * (count - 1) / 2; }

double ratio_or_one(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

constexpr std::uint8_t cause_bit(stack::LinkCause cause) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(cause));
}

}  // namespace

double MergeSummary::precision() const { return ratio_or_one(correct_pairs, predicted_pairs); }
double MergeSummary::recall() const { return ratio_or_one(correct_pairs, true_pairs); }

double MergeSummary::f1() const {
  if (true_pairs == 0 && predicted_pairs == 0) return 1.0;
  const double p = precision();
  const double r = recall();
  return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
}

double MergeSummary::continuity_rate() const { return ratio_or_one(switches_continued, channel_switches); }

void MergeSummary::merge(const MergeSummary& other) {
  persons += other.persons;
  messaging_users += other.messaging_users;
  true_pairs += other.true_pairs;
  predicted_pairs += other.predicted_pairs;
  correct_pairs += other.correct_pairs;
  for (std::size_t i = 0; i < kFalseMergeCauses; ++i) false_merges_by_cause[i] += other.false_merges_by_cause[i];
  channel_switches += other.channel_switches;
  switches_continued += other.switches_continued;
}

nlohmann::ordered_json MergeSummary::to_json() const {
  nlohmann::ordered_json out;
  out["persons"] = persons;
  out["messaging_users"] = messaging_users;
  out["true_pairs"] = true_pairs;
  out["predicted_pairs"] = predicted_pairs;
  out["correct_pairs"] = correct_pairs;
  out["precision"] = precision();
  out["recall"] = recall();
  out["f1"] = f1();
  out["false_merges"] = false_merges();
  static constexpr const char* kCauseNames[kFalseMergeCauses] = {"shared_phone", "recycled_phone", "typed_identifier",
                                                                 "agent_link", "other"};
  nlohmann::ordered_json causes;
  for (std::size_t i = 0; i < kFalseMergeCauses; ++i) causes[kCauseNames[i]] = false_merges_by_cause[i];
  out["false_merges_by_cause"] = std::move(causes);
  out["continuity_rate"] = continuity_rate();
  nlohmann::ordered_json examples = nlohmann::ordered_json::array();
  for (const FalseMergeExample& example : listed) {
    examples.push_back({{"cause", kCauseNames[static_cast<std::size_t>(example.cause)]},
                      {"contact", example.contact},
                      {"persons", {"c-" + std::to_string(example.persons[0]), "c-" + std::to_string(example.persons[1])}},
                      {"evidence", example.evidence}});
  }
  out["false_merges_listed"] = std::move(examples);
  return out;
}

void MergeOracle::on_trace(const stack::TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::kMessagingUserCreated: {
      if (users_.size() <= event.user.value) users_.resize(event.user.value + 1);
      User& user = users_[event.user.value];
      user.person = truth_.person_of(stack::CustomerHandle{event.message});
      user.channel = event.channel;
      break;
    }
    case TraceKind::kContactLinked:
      if (event.user.value < users_.size()) {
        users_[event.user.value].contact = stack::ContactId(static_cast<std::uint32_t>(event.message));
        users_[event.user.value].causes |= static_cast<std::uint8_t>(1u << event.detail);
      }
      break;
    case TraceKind::kSessionCreated: on_session_created(event); break;
    case TraceKind::kWorkAccepted: on_accepted(event.session); break;
    default: break;
  }
}

// A session whose person's previous session was on another channel continues
// that conversation there.
void MergeOracle::on_session_created(const stack::TraceEvent& event) {
  if (sessions_.size() <= event.session.value) sessions_.resize(event.session.value + 1);
  sessions_[event.session.value].user = event.user;
  if (event.user.value >= users_.size()) return;  // a user the trace never introduced
  const fakes::PersonId person = users_[event.user.value].person;
  if (last_user_of_person_.size() <= person) last_user_of_person_.resize(person + 1);
  const MessagingUserId previous = last_user_of_person_[person];
  if (previous && users_[previous.value].channel != event.channel) {
    sessions_[event.session.value].continues = previous;
  }
  last_user_of_person_[person] = event.user;
}

void MergeOracle::on_accepted(stack::SessionId session) {
  if (session.value >= sessions_.size()) return;
  SessionFacts& facts = sessions_[session.value];
  if (facts.judged || !facts.continues) return;
  facts.judged = true;
  ++channel_switches_;
  const stack::ContactId later = users_[facts.user.value].contact;
  if (later && later == users_[facts.continues.value].contact) ++switches_continued_;
}

// A number the two people held is the likeliest bridge (phone policies link
// by it), then the links' own causes.
FalseMergeCause MergeOracle::cause_of(const NumberHolders& numbers, fakes::PersonId a, fakes::PersonId b,
                                      std::uint8_t causes) {
  switch (numbers.between(a, b)) {
    case CommonNumber::kShared: return FalseMergeCause::kSharedPhone;
    case CommonNumber::kRecycled: return FalseMergeCause::kRecycledPhone;
    case CommonNumber::kNone: break;
  }
  if ((causes & cause_bit(stack::LinkCause::kTypedIdentifier)) != 0) return FalseMergeCause::kTypedIdentifier;
  if ((causes & cause_bit(stack::LinkCause::kAgent)) != 0) return FalseMergeCause::kAgentLink;
  return FalseMergeCause::kOther;
}

// What joined people with no cause between the two of them (each came in
// through someone else): the contact's worst bridge.
FalseMergeCause MergeOracle::bridge_of(const std::array<bool, kFalseMergeCauses>& pair_causes,
                                       std::uint8_t link_causes) {
  if (pair_causes[static_cast<std::size_t>(FalseMergeCause::kRecycledPhone)]) return FalseMergeCause::kRecycledPhone;
  if ((link_causes & cause_bit(stack::LinkCause::kTypedIdentifier)) != 0) return FalseMergeCause::kTypedIdentifier;
  if ((link_causes & cause_bit(stack::LinkCause::kAgent)) != 0) return FalseMergeCause::kAgentLink;
  if (pair_causes[static_cast<std::size_t>(FalseMergeCause::kSharedPhone)]) return FalseMergeCause::kSharedPhone;
  return FalseMergeCause::kOther;
}

// Pairs within one contact: correct when the two users are the same person,
// false merges otherwise, each charged to the cause between the two people,
// or, when there is none, to what bridged the contact.
void MergeOracle::count_contact(const NumberHolders& numbers, const std::vector<MessagingUserId>& members,
                                MergeSummary& summary) const {
  std::map<fakes::PersonId, std::pair<std::uint64_t, std::uint8_t>> by_person;  // users, link causes
  std::uint8_t link_causes = 0;
  for (MessagingUserId id : members) {
    auto& [count, causes] = by_person[users_[id.value].person];
    ++count;
    causes = static_cast<std::uint8_t>(causes | users_[id.value].causes);
    link_causes = static_cast<std::uint8_t>(link_causes | causes);
  }
  summary.predicted_pairs += pairs_of(members.size());
  std::vector<std::pair<std::uint64_t, FalseMergeCause>> false_pairs;  // user pairs, cause
  std::array<bool, kFalseMergeCauses> pair_causes{};
  for (auto a = by_person.begin(); a != by_person.end(); ++a) {
    summary.correct_pairs += pairs_of(a->second.first);
    for (auto b = std::next(a); b != by_person.end(); ++b) {
      const std::uint8_t causes = static_cast<std::uint8_t>(a->second.second | b->second.second);
      const FalseMergeCause cause = cause_of(numbers, a->first, b->first, causes);
      pair_causes[static_cast<std::size_t>(cause)] = true;
      false_pairs.emplace_back(a->second.first * b->second.first, cause);
    }
  }
  const FalseMergeCause bridge = bridge_of(pair_causes, link_causes);
  for (const auto& [count, cause] : false_pairs) {
    summary.false_merges_by_cause[static_cast<std::size_t>(cause == FalseMergeCause::kOther ? bridge : cause)] += count;
  }
  // The first false merges, with the evidence an auditor would ask for.
  std::size_t pair = 0;
  for (auto a = by_person.begin(); a != by_person.end(); ++a) {
    for (auto b = std::next(a); b != by_person.end(); ++b, ++pair) {
      if (summary.listed.size() >= MergeSummary::kFalseMergesListedMax) return;
      FalseMergeExample example;
      const FalseMergeCause cause = false_pairs[pair].second;
      example.cause = cause == FalseMergeCause::kOther ? bridge : cause;
      example.contact = users_[members.front().value].contact.value;
      example.persons = {a->first, b->first};
      example.evidence = {describe(a->first, members), describe(b->first, members)};
      summary.listed.push_back(std::move(example));
    }
  }
}

// "c-12 on sms-us, whatsapp-main; linked by phone"
std::string MergeOracle::describe(fakes::PersonId person, const std::vector<MessagingUserId>& members) const {
  static constexpr const char* kLinkNames[] = {"verified login", "phone", "typed identifier", "agent link"};
  std::string channels;
  std::uint8_t causes = 0;
  for (MessagingUserId id : members) {
    const User& user = users_[id.value];
    if (user.person != person) continue;
    if (!channels.empty()) channels += ", ";
    channels += user.channel.value < channel_names_.size() ? channel_names_[user.channel.value]
                                                           : "channel " + std::to_string(user.channel.value);
    causes = static_cast<std::uint8_t>(causes | user.causes);
  }
  std::string links;
  for (std::size_t bit = 0; bit < std::size(kLinkNames); ++bit) {
    if ((causes & (1u << bit)) == 0) continue;
    links += (links.empty() ? "" : ", ") + std::string(kLinkNames[bit]);
  }
  return "c-" + std::to_string(person) + " on " + channels + "; linked by " + (links.empty() ? "others' links" : links);
}

MergeSummary MergeOracle::finish() const {
  MergeSummary summary;
  summary.persons = truth_.persons().size();
  summary.channel_switches = channel_switches_;
  summary.switches_continued = switches_continued_;
  std::vector<std::uint64_t> users_of_person(truth_.persons().size(), 0);
  std::map<std::uint32_t, std::vector<MessagingUserId>> members;  // by contact, in user order
  for (std::size_t i = 0; i < users_.size(); ++i) {
    const User& user = users_[i];
    if (!user.channel.valid()) continue;  // an id the trace never introduced
    ++summary.messaging_users;
    ++users_of_person[user.person];
    if (user.contact) members[user.contact.value].push_back(MessagingUserId(static_cast<std::uint32_t>(i)));
  }
  for (std::uint64_t count : users_of_person) summary.true_pairs += pairs_of(count);
  const NumberHolders numbers(truth_);
  for (const auto& [contact, users] : members) count_contact(numbers, users, summary);
  return summary;
}

}  // namespace msgsim::harness
