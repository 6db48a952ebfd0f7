// The scenario loader reads the whole file into the model first, then checks
// every reference between its parts. Any problem is thrown as an InputError
// (json_reader.h) with its JSON path and caught once, in load_scenario_text:
// the loader is the input boundary, and nothing it throws escapes it.
//
// This file reads the top level, notifications and expectations and holds the
// entry points; the other parts are org_loader (with channels_loader),
// providers_loader, customers_loader and scenario_references, all built on the
// value readers of scenario_value_readers.h.
#include "sim/harness/scenario_loader.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

#include "sim/harness/customers_loader.h"
#include "sim/harness/json_reader.h"
#include "sim/harness/org_loader.h"
#include "sim/harness/providers_loader.h"
#include "sim/harness/scenario_references.h"
#include "sim/harness/scenario_value_readers.h"
#include "sim/harness/value_syntax.h"

namespace msgsim::harness {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

using namespace loading;  // the loader's parts and value readers

constexpr std::size_t kMaxFileSize = 64u << 20;

// ---- Notifications and expectations --------------------------------------------

Notification read_notification(const Node& node) {
  const ObjectReader object = node.object(
      {"id", "channel", "at", "audience", "template", "category", "allow_existing_session", "text"});
  Notification notification;
  notification.id = read_id(object.required("id"));
  notification.channel = read_id(object.required("channel"));
  notification.at = read_duration(object.required("at"));
  const Node audience = object.required("audience");
  notification.audience = read_id(audience);
  const std::string& text = notification.audience;
  const bool shaped = text == "all" || (text.starts_with("population:") && text.size() > 11) ||
                      (text.starts_with("script:") && text.size() > 7);
  if (!shaped) audience.fail_expected(R"("all", "population:ID" or "script:ID")");
  notification.template_name = read_id(object.required("template"));
  object.read("category", notification.category, read_enum<TemplateCategory>);
  object.read("allow_existing_session", notification.allow_existing_session, read_enum<AllowExistingSession>);
  object.read("text", notification.text, read_text);
  notification.source_path = node.path();
  return notification;
}

Expectation read_expectation(const Node& node) {
  const ObjectReader object = node.object({"metric", "min", "max", "equals", "each"});
  Expectation expectation;
  expectation.metric = read_dotted_path(object.required("metric"));
  const std::string_view op = object.exactly_one_of({"min", "max", "equals"});
  expectation.op = *enum_from_name<CompareOp>(op);
  expectation.threshold = object.required(op).number();
  object.read("each", expectation.each, read_dotted_path);
  expectation.source_path = node.path();
  return expectation;
}

// "$schema" points editors at scenarios/scenario.schema.json; the loader only
// checks that it is a string (it stays listed in present_keys).
Scenario read_scenario(const Node& root) {
  const ObjectReader object =
      root.object({"msgsim", "name", "description", "seed", "start", "duration", "drain", "replications", "org",
                   "providers", "customers", "notifications", "expect", "wire", "$schema"});
  Scenario scenario;
  const Node version = object.required("msgsim");
  if (!version.json().is_number_integer() || version.json().get<std::int64_t>() != 1) {
    version.fail_expected("1 (the only format version)");
  }
  scenario.name = object.required("name").text(200);
  object.read("description", scenario.description, read_string);
  object.read("seed", scenario.seed, [](const Node& seed) { return seed.unsigned_integer(); });
  if (const std::optional<Node> start = object.find("start")) {
    scenario.start = string_of(*start, R"(an ISO 8601 date-time such as "2026-01-05T09:00:00Z")");
    scenario.start_unix_s = or_fail(*start, parse_iso_date_time(scenario.start));
  }
  scenario.duration = read_positive_duration(object.required("duration"));
  object.read("drain", scenario.drain, read_duration);
  object.read("replications", scenario.replications, int_in(1, kMaxReplications));
  scenario.org = read_org(object.required("org"));
  object.read("providers", scenario.providers, read_providers);
  scenario.customers = read_customers(object.required("customers"));
  object.read("notifications", scenario.notifications, [](const Node& list) { return read_list(list, read_notification); });
  object.read("expect", scenario.expect, [](const Node& list) { return read_list(list, read_expectation); });
  object.read("wire", scenario.wire, read_enum<WireMode>);
  if (const std::optional<Node> schema = object.find("$schema")) {
    string_of(*schema, R"(a string: the URI or path of a JSON Schema, such as "scenario.schema.json")");
  }
  return scenario;
}

// ---- Files ------------------------------------------------------------------------

// Reads the whole file into `text`; returns "" or what went wrong.
std::string read_file(const std::string& path, std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return std::string("cannot open the file: ") + std::strerror(errno);
  char buffer[65536];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0 && text.size() <= kMaxFileSize) {
    text.append(buffer, read);
  }
  const int error = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (error != 0) return std::string("cannot read the file: ") + std::strerror(error);
  if (text.size() > kMaxFileSize) return "expected a file of at most 64 MiB";
  return "";
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace

Result<Scenario> load_scenario_text(std::string_view text, const std::string& file_label) {
  try {
    Result<JsonDocument> document = parse_json_document(text, file_label);
    if (!document.is_ok()) return document.status();
    Scenario scenario = read_scenario(Node(document.value().root, ""));
    check_references(scenario);
    scenario.file = file_label;
    scenario.present_keys = std::move(document.value().key_paths);
    return scenario;
  } catch (const InputError& error) {
    return Status(StatusCode::kInvalidInput, format_input_error(file_label, error));
  } catch (const std::exception& error) {
    return Status(StatusCode::kInternal, file_label + ": internal error while loading: " + error.what());
  } catch (...) {
    return Status(StatusCode::kInternal, file_label + ": internal error while loading");
  }
}

Result<Scenario> load_scenario_file(const std::string& path) {
  std::string text;
  const std::string problem = read_file(path, text);
  if (!problem.empty()) return Status(StatusCode::kInvalidInput, path + ": " + problem);
  Result<Scenario> scenario = load_scenario_text(text, path);
  if (!scenario.is_ok()) return scenario;
  const std::string digest = sha256_hex(text);
  if (digest.empty()) return Status(StatusCode::kInternal, path + ": cannot compute the file's SHA-256");
  scenario.value().sha256 = digest;
  return scenario;
}

}  // namespace msgsim::harness
