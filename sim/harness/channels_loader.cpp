// Reads "org.channels" (channels_loader.h): each channel's settings, then the
// expansion of `count` with numbered addresses.
#include "sim/harness/channels_loader.h"

#include <cctype>
#include <cstdint>
#include <optional>
#include <regex>

#include "sim/harness/scenario_value_readers.h"

namespace msgsim::harness::loading {

namespace {

// ---- One channel ------------------------------------------------------------------

Keywords read_keywords(const Node& node) {
  const ObjectReader object = node.object({"opt_out", "opt_in", "double_opt_in", "help"});
  Keywords keywords;
  object.read("opt_out", keywords.opt_out, read_texts);
  object.read("opt_in", keywords.opt_in, read_texts);
  object.read("double_opt_in", keywords.double_opt_in, read_texts);
  object.read("help", keywords.help, read_texts);
  return keywords;
}

ConsentResponses read_consent_responses(const Node& node) {
  const ObjectReader texts = node.object({"opt_out", "opt_in", "double_opt_in", "help"});
  ConsentResponses responses;
  texts.read("opt_out", responses.opt_out, read_text);
  texts.read("opt_in", responses.opt_in, read_text);
  texts.read("double_opt_in", responses.double_opt_in, read_text);
  texts.read("help", responses.help, read_text);
  return responses;
}

// A language tag as BCP 47 spells the common ones: "es", "pt-BR", "zh-Hant".
bool is_language_tag(const std::string& tag) {
  static const std::regex kTag("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  return std::regex_match(tag, kTag);
}

// "languages": {"es": {"keywords": {...}, "responses": {...}}, ...}
std::vector<ConsentLanguage> read_consent_languages(const Node& node) {
  std::vector<ConsentLanguage> languages;
  for (const auto& [tag, language_node] : node.members()) {
    if (!is_language_tag(tag)) {
      node.fail("expected language tags such as \"es\" or \"pt-BR\" as keys, got " + json_string(tag));
    }
    const ObjectReader object = language_node.object({"keywords", "responses"});
    ConsentLanguage language;
    language.tag = tag;
    object.read("keywords", language.keywords, read_keywords);
    object.read("responses", language.responses, read_consent_responses);
    languages.push_back(std::move(language));
  }
  return languages;
}

ChannelConsent read_channel_consent(const Node& node) {
  const ObjectReader object = node.object({"required", "keyword_pack", "keywords", "responses", "languages"});
  ChannelConsent consent;
  object.read("required", consent.required, read_enum<ConsentLevelRequired>);
  object.read("keyword_pack", consent.keyword_pack, read_enum<KeywordPack>);
  object.read("keywords", consent.keywords, read_keywords);
  object.read("responses", consent.responses, read_consent_responses);
  object.read("languages", consent.languages, read_consent_languages);
  return consent;
}

AutoResponses read_auto_responses(const Node& node) {
  const ObjectReader object = node.object({"initial", "offline"});
  AutoResponses responses;
  object.read("initial", responses.initial, read_text);
  object.read("offline", responses.offline, read_text);
  return responses;
}

ByocSettings read_byoc(const Node& node) {
  const ObjectReader object = node.object({"routing_owner", "consent_owner", "supports_keywords"});
  ByocSettings byoc;
  object.read("routing_owner", byoc.routing_owner, read_enum<Owner>);
  object.read("consent_owner", byoc.consent_owner, read_enum<Owner>);
  object.read("supports_keywords", byoc.supports_keywords, read_bool);
  return byoc;
}

Channel read_channel(const ObjectReader& object) {
  Channel channel;
  channel.id = read_id(object.required("id"));
  channel.declared_id = channel.id;
  channel.type = read_enum<ChannelType>(object.required("type"));
  channel.address = object.required("address").text(200);
  object.read("active", channel.active, read_bool);
  channel.routing = read_route_target(object.required("routing"));
  channel.fallback_queue = read_id(object.required("fallback_queue"));
  object.read("business_hours", channel.business_hours, read_id);
  channel.consent_given = object.read("consent", channel.consent, read_channel_consent);
  object.read("auto_responses", channel.auto_responses, read_auto_responses);
  object.read("customer_inactivity_timeout", channel.customer_inactivity_timeout, read_duration);
  object.read("preferred_agent", channel.preferred_agent, read_enum<PreferredAgent>);
  if (const std::optional<Node> byoc = object.find("byoc")) {
    if (channel.type != ChannelType::kByoc && channel.type != ChannelType::kByocCcaas) {
      byoc->fail("expected \"byoc\" settings only on channels of type byoc or byoc_ccaas, got type " +
                 std::string(to_string(channel.type)));
    }
    channel.byoc = read_byoc(*byoc);
  }
  channel.source_path = object.path();
  return channel;
}

// ---- Numbered addresses -----------------------------------------------------------

// `digits` (base 10 or 16) plus `amount`, keeping the width; a decimal carry
// out of the first digit widens the number, a hexadecimal one wraps.
std::string add_to_digits(std::string digits, std::uint64_t amount, unsigned base) {
  const bool upper = digits.find_first_of("ABCDEF") != std::string::npos;
  const char* symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  for (std::size_t i = digits.size(); i-- > 0 && amount > 0;) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[i])));
    const std::uint64_t digit = c <= '9' ? static_cast<std::uint64_t>(c - '0') : static_cast<std::uint64_t>(c - 'a' + 10);
    const std::uint64_t sum = digit + amount % base;
    amount = amount / base + sum / base;
    digits[i] = symbols[sum % base];
  }
  return amount > 0 && base == 10 ? std::to_string(amount) + digits : digits;
}

bool all_of_chars(std::string_view text, std::string_view allowed) {
  return !text.empty() && text.find_first_not_of(allowed) == std::string_view::npos;
}

bool is_uuid(std::string_view text) {
  static const std::regex kUuid("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  return std::regex_match(text.begin(), text.end(), kUuid);
}

// The address of channel `index` (0-based) of a group numbered from `base`.
std::string numbered_address(const std::string& base, std::uint64_t index) {
  constexpr std::string_view kDecimal = "0123456789";
  if (all_of_chars(base, kDecimal)) return add_to_digits(base, index, 10);
  if (base.size() > 1 && base[0] == '+' && all_of_chars(std::string_view(base).substr(1), kDecimal)) {
    return "+" + add_to_digits(base.substr(1), index, 10);
  }
  if (is_uuid(base)) return base.substr(0, 24) + add_to_digits(base.substr(24), index, 16);
  return base + "-" + std::to_string(index + 1);
}

}  // namespace

void read_channels(const Node& node, std::vector<Channel>& channels) {
  for (const Node& element : node.elements()) {
    const ObjectReader object =
        element.object({"id", "type", "address", "count", "active", "routing", "fallback_queue", "business_hours",
                        "consent", "auto_responses", "customer_inactivity_timeout", "byoc", "preferred_agent"});
    const Channel channel = read_channel(object);
    std::int64_t count = 1;
    object.read("count", count, [](const Node& value) { return value.integer(1, kNoMax); });
    const std::uint64_t room = kMaxChannels - channels.size();
    if (static_cast<std::uint64_t>(count) > room) {
      object.find("count").value_or(element).fail(
          "expected at most 2,000 channels in total after expanding count, got " +
          with_thousands(channels.size() + static_cast<std::uint64_t>(count)));
    }
    if (count == 1) {
      channels.push_back(channel);
      continue;
    }
    for (std::int64_t i = 0; i < count; ++i) {
      Channel expanded = channel;
      expanded.id = channel.id + "-" + std::to_string(i + 1);
      expanded.address = numbered_address(channel.address, static_cast<std::uint64_t>(i));
      channels.push_back(std::move(expanded));
    }
  }
}

}  // namespace msgsim::harness::loading
