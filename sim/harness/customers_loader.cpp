// Reads "customers" (customers_loader.h).
#include "sim/harness/customers_loader.h"

#include <cmath>
#include <cstdint>
#include <optional>

#include "sim/harness/scenario_value_readers.h"

namespace msgsim::harness::loading {

namespace {

constexpr std::int64_t kMaxArrivalCount = 100'000'000;

// ---- Populations ------------------------------------------------------------------

std::vector<ProfileStep> read_profile(const Node& node) {
  std::vector<ProfileStep> profile;
  for (const Node& element : node.elements()) {
    const ObjectReader object = element.object({"at", "factor"});
    const Node at = object.required("at");
    const Node factor = object.required("factor");
    ProfileStep step{read_duration(at), factor.number()};
    if (step.factor < 0.0) factor.fail_expected("a factor >= 0");
    if (!profile.empty() && step.at <= profile.back().at) at.fail_expected("a time after the previous step's");
    profile.push_back(step);
  }
  return profile;
}

Arrivals read_arrivals(const Node& node) {
  const ObjectReader object = node.object({"rate", "profile", "count", "over", "at"});
  Arrivals arrivals;
  arrivals.kind = *enum_from_name<ArrivalKind>(object.exactly_one_of({"rate", "count", "at"}));
  const bool rate = arrivals.kind == ArrivalKind::kPoisson;
  const bool count = arrivals.kind == ArrivalKind::kCount;
  if (!rate && object.has("profile")) object.required("profile").fail("expected \"profile\" only with \"rate\"");
  if (!count && object.has("over")) object.required("over").fail("expected \"over\" only with \"count\"");
  if (rate) {
    arrivals.rate = read_rate(object.required("rate"));
    object.read("profile", arrivals.profile, read_profile);
  } else if (count) {
    arrivals.count = object.required("count").integer(1, kMaxArrivalCount);
    arrivals.over = read_positive_duration(object.required("over"));
  } else {
    arrivals.at = read_list(object.required("at"), read_duration);
  }
  return arrivals;
}

PopulationIdentity read_population_identity(const Node& node) {
  const ObjectReader object =
      node.object({"has_email", "verified_web", "shared_phone", "recycled_phone", "email_typo"});
  PopulationIdentity identity;
  object.read("has_email", identity.has_email, read_probability);
  object.read("verified_web", identity.verified_web, read_probability);
  object.read("shared_phone", identity.shared_phone, read_probability);
  object.read("recycled_phone", identity.recycled_phone, read_probability);
  object.read("email_typo", identity.email_typo, read_probability);
  return identity;
}

KeywordStyle read_keyword_style(const Node& node) {
  const ObjectReader object = node.object({"exact", "lowercase", "padded"});
  KeywordStyle style{0.0, 0.0, 0.0};  // styles left out are 0 once the object is given
  object.read("exact", style.exact, read_probability);
  object.read("lowercase", style.lowercase, read_probability);
  object.read("padded", style.padded, read_probability);
  const double sum = style.exact + style.lowercase + style.padded;
  if (std::abs(sum - 1.0) > 1e-6) {
    node.fail("expected probabilities that sum to 1, got a sum of " + Json(sum).dump());
  }
  return style;
}

PopulationConsent read_population_consent(const Node& node) {
  const ObjectReader object =
      node.object({"opt_out_probability", "opt_in_again_probability", "help_probability", "keyword_style"});
  PopulationConsent consent;
  object.read("opt_out_probability", consent.opt_out_probability, read_probability);
  object.read("opt_in_again_probability", consent.opt_in_again_probability, read_probability);
  object.read("help_probability", consent.help_probability, read_probability);
  object.read("keyword_style", consent.keyword_style, read_keyword_style);
  return consent;
}

CustomerBehavior read_customer_behavior(const Node& node) {
  const ObjectReader object =
      node.object({"messages", "think_time", "patience", "switch_channel_probability", "switch_after",
                   "return_probability", "return_after", "intents"});
  CustomerBehavior behavior;
  object.read("messages", behavior.messages, read_count_distribution);
  object.read("think_time", behavior.think_time, read_duration_distribution);
  object.read("patience", behavior.patience, read_duration_distribution);
  object.read("switch_channel_probability", behavior.switch_channel_probability, read_probability);
  object.read("switch_after", behavior.switch_after, read_duration_distribution);
  object.read("return_probability", behavior.return_probability, read_probability);
  object.read("return_after", behavior.return_after, read_duration_distribution);
  object.read("intents", behavior.intents, read_weights);
  require_when_likely(object, behavior.switch_channel_probability, "switch_channel_probability", "switch_after");
  require_when_likely(object, behavior.return_probability, "return_probability", "return_after");
  return behavior;
}

Population read_population(const Node& node) {
  const ObjectReader object =
      node.object({"id", "arrivals", "max", "channels", "identity", "consent", "behavior", "languages"});
  Population population;
  population.id = read_id(object.required("id"));
  population.arrivals = read_arrivals(object.required("arrivals"));
  object.read("max", population.max, [](const Node& max) { return max.integer(1, kNoMax); });
  population.channels = read_weights(object.required("channels"));
  object.read("identity", population.identity, read_population_identity);
  object.read("consent", population.consent, read_population_consent);
  object.read("behavior", population.behavior, read_customer_behavior);
  object.read("languages", population.languages, read_weights);
  population.source_path = node.path();
  return population;
}

// ---- Scripts ----------------------------------------------------------------------

ScriptPerson read_person(const Node& node) {
  const ObjectReader object = node.object({"phone", "email", "name"});
  ScriptPerson person;
  object.read("phone", person.phone, read_text);
  object.read("email", person.email, read_text);
  object.read("name", person.name, read_text);
  return person;
}

std::string read_channel_only(const Node& node) {
  return read_id(node.object({"channel"}).required("channel"));
}

StepExpectation read_step_expectation(const Node& node) {
  const ObjectReader object = node.object({"routed_within", "reply_within", "received", "no_outbound", "linked",
                                           "same_agent", "session_status", "within"});
  StepExpectation expect;
  object.read("routed_within", expect.routed_within, read_positive_duration);
  object.read("reply_within", expect.reply_within, read_positive_duration);
  object.read("received", expect.received, [](const Node& value) {
    const ObjectReader received = value.object({"channel", "matching", "within"});
    return ReceivedExpectation{read_id(received.required("channel")), read_regex(received.required("matching")),
                               read_positive_duration(received.required("within"))};
  });
  object.read("no_outbound", expect.no_outbound, [](const Node& value) {
    const ObjectReader no_outbound = value.object({"channel", "for"});
    return NoOutboundExpectation{read_id(no_outbound.required("channel")),
                                 read_positive_duration(no_outbound.required("for"))};
  });
  object.read("linked", expect.linked, [](const Node& value) {
    std::vector<std::string> channels = read_ids(value);
    if (channels.size() < 2) value.fail_expected("an array of at least 2 channel ids");
    return channels;
  });
  object.read("same_agent", expect.same_agent, read_bool);
  object.read("session_status", expect.session_status, [](const Node& value) {
    const ObjectReader status = value.object({"channel", "in"});
    return SessionStatusExpectation{read_id(status.required("channel")), read_list(status.required("in"), [](const Node& name) {
      for (const std::string_view known : kSessionStatusNames) {
        if (name.json().is_string() && name.string() == known) return name.string();
      }
      name.fail_expected("one of: Waiting, Active, Inactive, Paused, New, Consent, Ended, Error");
    })};
  });
  object.read("within", expect.within, read_positive_duration);
  if (!object.has("routed_within") && !object.has("reply_within") && !object.has("received") &&
      !object.has("no_outbound") && !object.has("linked") && !object.has("same_agent") &&
      !object.has("session_status")) {
    object.fail("expected at least one check: routed_within, reply_within, received, no_outbound, linked, "
                "same_agent or session_status");
  }
  if (object.has("within") && !object.has("linked") && !object.has("same_agent")) {
    object.required("within").fail("expected \"within\" only with \"linked\" or \"same_agent\"");
  }
  return expect;
}

ScriptStep read_step(const Node& node) {
  const ObjectReader object = node.object(
      {"at", "after", "send", "expect", "verify", "delete_conversation", "block", "clear_device"});
  ScriptStep step;
  object.at_most_one_of({"at", "after"});
  object.read("at", step.at, read_duration);
  object.read("after", step.after, read_duration);
  const std::string_view action =
      object.exactly_one_of({"send", "expect", "verify", "delete_conversation", "block", "clear_device"});
  step.action = *enum_from_name<StepAction>(action);
  const Node body = object.required(action);
  if (step.action == StepAction::kSend) {
    const ObjectReader send = body.object({"channel", "text"});
    step.channel = read_id(send.required("channel"));
    step.text = send.required("text").text();
  } else if (step.action == StepAction::kExpect) {
    step.expect = read_step_expectation(body);
  } else {
    step.channel = read_channel_only(body);
  }
  step.source_path = node.path();
  return step;
}

Script read_script(const Node& node) {
  const ObjectReader object = node.object({"id", "person", "steps"});
  Script script;
  script.id = read_id(object.required("id"));
  object.read("person", script.person, read_person);
  const Node steps = object.required("steps");
  script.steps = read_list(steps, read_step);
  if (script.steps.empty()) steps.fail_expected("at least one step");
  script.source_path = node.path();
  return script;
}

}  // namespace

Customers read_customers(const Node& node) {
  const ObjectReader object = node.object({"populations", "scripts"});
  Customers customers;
  object.read("populations", customers.populations, [](const Node& list) { return read_list(list, read_population); });
  object.read("scripts", customers.scripts, [](const Node& list) { return read_list(list, read_script); });
  return customers;
}

}  // namespace msgsim::harness::loading
