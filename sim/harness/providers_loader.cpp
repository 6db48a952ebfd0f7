// Reads "providers" (providers_loader.h): latencies, faults and keyword
// matching per provider key.
#include "sim/harness/providers_loader.h"

#include "sim/harness/scenario_value_readers.h"

namespace msgsim::harness::loading {

namespace {

Outage read_outage(const Node& node) {
  const ObjectReader object = node.object({"at", "for"});
  return Outage{read_duration(object.required("at")), read_positive_duration(object.required("for"))};
}

Faults read_faults(const Node& node) {
  const ObjectReader object =
      node.object({"duplicate", "reorder", "drop_then_retry", "outages", "throttle_per_s", "bad_signature"});
  Faults faults;
  object.read("duplicate", faults.duplicate, read_probability);
  object.read("reorder", faults.reorder, read_probability);
  object.read("drop_then_retry", faults.drop_then_retry, read_probability);
  object.read("outages", faults.outages, [](const Node& list) { return read_list(list, read_outage); });
  object.read("throttle_per_s", faults.throttle_per_s, read_positive_number);
  object.read("bad_signature", faults.bad_signature, read_probability);
  return faults;
}

}  // namespace

std::map<std::string, ProviderSettings> read_providers(const Node& node) {
  std::map<std::string, ProviderSettings> providers;
  for (const auto& [key, value] : node.members()) {
    const ObjectReader object = value.object({"latency", "receipt_latency", "faults", "keyword_match", "wire"});
    ProviderSettings& settings = providers[key];
    object.read("latency", settings.latency, read_duration_distribution);
    object.read("receipt_latency", settings.receipt_latency, read_duration_distribution);
    object.read("faults", settings.faults, read_faults);
    object.read("keyword_match", settings.keyword_match, read_enum<KeywordMatch>);
    object.read("wire", settings.wire, read_enum<WireMode>);
    settings.source_path = value.path();
  }
  return providers;
}

}  // namespace msgsim::harness::loading
