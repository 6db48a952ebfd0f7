// Keeps scenarios/scenario.schema.json in step with the scenario loader: the
// schema describes every key the loader accepts (as listed in present_keys of
// tests/harness/fixtures/good/every-key.json), the fixture uses every property
// the schema declares (so the loader accepts them all), the schema refuses
// unknown keys where the loader does, and its enums are the loader's spellings.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "sim/harness/scenario.h"
#include "sim/harness/scenario_loader.h"
#include "sim/harness/value_syntax.h"

namespace msgsim::harness {
namespace {

using Json = nlohmann::json;

const std::string kSourceDir = MSGSIM_SOURCE_DIR;
const std::string kSchemaFile = kSourceDir + "/scenarios/scenario.schema.json";
const std::string kEveryKeyFile = kSourceDir + "/tests/harness/fixtures/good/every-key.json";
constexpr int kMaxDepth = 64;  // the format nests far less; guards against a $ref cycle

// The JSON in `path`, or a discarded value when it is missing or malformed.
Json read_json(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return Json::parse(file, nullptr, /*allow_exceptions=*/false);
}

const Json& schema() {
  static const Json parsed = read_json(kSchemaFile);
  return parsed;
}

// The schema a local "$ref" ("#/$defs/duration") points to; null without one.
const Json* ref_target(const Json& node) {
  if (!node.is_object() || !node.contains("$ref")) return nullptr;
  const std::string ref = node.at("$ref").get<std::string>();
  if (!ref.starts_with("#")) return nullptr;
  const Json::json_pointer pointer(ref.substr(1));
  return schema().contains(pointer) ? &schema().at(pointer) : nullptr;
}

// `node` and every schema a value under it must also match: its $ref target
// and its oneOf / anyOf / allOf branches, recursively.
void add_alternatives(const Json& node, std::vector<const Json*>& out, int depth = 0) {
  if (!node.is_object() || depth > kMaxDepth) return;
  out.push_back(&node);
  if (const Json* target = ref_target(node)) add_alternatives(*target, out, depth + 1);
  for (const char* keyword : {"oneOf", "anyOf", "allOf"}) {
    if (!node.contains(keyword)) continue;
    for (const Json& branch : node.at(keyword)) add_alternatives(branch, out, depth + 1);
  }
}

// Whether `node` has a description of its own (not only one its $ref target has),
// which editors show as the help of that key.
bool described(const Json& node) { return node.is_object() && node.contains("description"); }

// One step of a key path: a member name, any member name ("*"), or any array index ("[*]").
struct Segment {
  enum Kind { kName, kAnyName, kIndex } kind;
  std::string name;

  bool matches(const Segment& key) const {
    if (kind == kIndex || key.kind == kIndex) return kind == key.kind;
    return kind == kAnyName || name == key.name;
  }
};
using Path = std::vector<Segment>;

// "org.queues[0].id" -> org, queues, [], id. Keys in the fixture have no '.' or '['.
Path split_path(const std::string& path) {
  Path segments;
  std::string name;
  auto flush = [&] {
    if (!name.empty()) segments.push_back({Segment::kName, name});
    name.clear();
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '.') {
      flush();
    } else if (path[i] == '[') {
      flush();
      i = path.find(']', i);
      segments.push_back({Segment::kIndex, ""});
      if (i == std::string::npos) break;
    } else {
      name += path[i];
    }
  }
  flush();
  return segments;
}

std::string to_string(const Path& path) {
  std::string text;
  for (const Segment& segment : path) {
    if (segment.kind == Segment::kIndex) {
      text += "[*]";
    } else {
      text += (text.empty() ? "" : ".") + (segment.kind == Segment::kAnyName ? std::string("*") : segment.name);
    }
  }
  return text;
}

bool path_matches(const Path& pattern, const Path& key) {
  if (pattern.size() != key.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].matches(key[i])) return false;
  }
  return true;
}

// The schemas that describe step `segment` below a value described by `node`.
std::vector<const Json*> children(const Json& node, const Segment& segment) {
  std::vector<const Json*> alternatives;
  add_alternatives(node, alternatives);
  std::vector<const Json*> found;
  for (const Json* alternative : alternatives) {
    if (segment.kind == Segment::kIndex) {
      if (alternative->contains("items") && alternative->at("items").is_object()) found.push_back(&alternative->at("items"));
      continue;
    }
    if (alternative->contains("properties") && alternative->at("properties").contains(segment.name)) {
      found.push_back(&alternative->at("properties").at(segment.name));
      continue;
    }
    bool matched_pattern = false;
    if (alternative->contains("patternProperties")) {
      for (const auto& [pattern, value] : alternative->at("patternProperties").items()) {
        if (std::regex_search(segment.name, std::regex(pattern))) {
          found.push_back(&value);
          matched_pattern = true;
        }
      }
    }
    if (!matched_pattern && alternative->contains("additionalProperties") &&
        alternative->at("additionalProperties").is_object()) {
      found.push_back(&alternative->at("additionalProperties"));
    }
  }
  return found;
}

// Every object schema reachable from the root by properties, patternProperties,
// additionalProperties, items, $ref and oneOf / anyOf / allOf, with the key
// paths it applies to; conditions (if / then, dependentSchemas, not) are not
// walked: they constrain values without declaring keys.
struct SchemaWalk {
  // "JSON pointer of a declared property" -> the key paths it stands for.
  std::map<std::string, std::vector<Path>> declared;
  // "JSON pointer of an object schema" -> whether it refuses undeclared keys.
  std::map<std::string, bool> closed_objects;
  // "JSON pointer of a map schema" (keys chosen by the file) -> whether its values are described.
  std::map<std::string, bool> maps;

  void walk(const Json& node, const std::string& pointer, const Path& path, int depth = 0) {
    if (!node.is_object() || depth > kMaxDepth) return;
    if (const Json* target = ref_target(node)) walk(*target, node.at("$ref").get<std::string>().substr(1), path, depth + 1);
    const bool has_keys = node.contains("properties") || node.contains("patternProperties");
    const Json additional = node.value("additionalProperties", Json());
    if (has_keys) closed_objects[pointer] = additional == Json(false);
    if (!has_keys && node.value("type", Json()) == "object") maps[pointer] = additional.is_object() && described(additional);
    if (node.contains("properties")) {
      for (const auto& [name, child] : node.at("properties").items()) {
        Path child_path = path;
        child_path.push_back({Segment::kName, name});
        const std::string child_pointer = pointer + "/properties/" + escape(name);
        declared[child_pointer].push_back(child_path);
        walk(child, child_pointer, child_path, depth + 1);
      }
    }
    Path any_member = path;
    any_member.push_back({Segment::kAnyName, ""});
    if (node.contains("patternProperties")) {
      for (const auto& [pattern, child] : node.at("patternProperties").items()) {
        walk(child, pointer + "/patternProperties/" + escape(pattern), any_member, depth + 1);
      }
    }
    if (additional.is_object()) walk(node.at("additionalProperties"), pointer + "/additionalProperties", any_member, depth + 1);
    if (node.contains("items")) {
      Path element = path;
      element.push_back({Segment::kIndex, ""});
      walk(node.at("items"), pointer + "/items", element, depth + 1);
    }
    for (const char* keyword : {"oneOf", "anyOf", "allOf"}) {
      if (!node.contains(keyword)) continue;
      for (std::size_t i = 0; i < node.at(keyword).size(); ++i) {
        walk(node.at(keyword)[i], pointer + "/" + keyword + "/" + std::to_string(i), path, depth + 1);
      }
    }
  }

  static std::string escape(const std::string& name) {
    std::string escaped;
    for (const char c : name) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return escaped;
  }
};

const SchemaWalk& schema_walk() {
  static const SchemaWalk walked = [] {
    SchemaWalk walk;
    walk.walk(schema(), "", {});
    return walk;
  }();
  return walked;
}

// The key paths of every-key.json as the loader lists them.
std::vector<std::string> every_key_paths() {
  const runtime::Result<Scenario> loaded = load_scenario_file(kEveryKeyFile);
  EXPECT_TRUE(loaded.is_ok()) << loaded.status().message();
  return loaded.is_ok() ? loaded.value().present_keys : std::vector<std::string>();
}

template <typename E>
std::vector<std::string> loader_spellings() {
  std::vector<std::string> names;
  for (const EnumName<E>& entry : enum_names<E>()) names.emplace_back(entry.name);
  return names;
}

std::vector<std::string> schema_enum(const std::string& definition) {
  const Json& defs = schema().at("$defs");
  if (!defs.contains(definition) || !defs.at(definition).contains("enum")) return {};
  return defs.at(definition).at("enum").get<std::vector<std::string>>();
}

// The names of the distribution object form's "dist" in the definition `definition`, comma-separated.
std::string schema_distribution_names(const std::string& definition) {
  for (const Json& branch : schema().at("$defs").at(definition).at("oneOf")) {
    if (branch.value("type", Json()) != "object") continue;
    std::string names;
    for (const Json& name : branch.at("properties").at("dist").at("enum")) {
      names += (names.empty() ? "" : ", ") + name.get<std::string>();
    }
    return names;
  }
  return "";
}

// The schema is a draft 2020-12 JSON Schema document with an $id and a title.
TEST(ScenarioSchema, IsADraft202012SchemaWithIdAndTitle) {
  ASSERT_FALSE(schema().is_discarded()) << kSchemaFile << " is missing or not valid JSON";
  ASSERT_TRUE(schema().is_object());
  EXPECT_EQ(schema().value("$schema", ""), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_FALSE(schema().value("$id", "").empty());
  EXPECT_FALSE(schema().value("title", "").empty());
  EXPECT_EQ(schema().value("type", ""), "object");
}

// Every key path the loader accepts in every-key.json has a place in the schema, with a description.
TEST(ScenarioSchema, DescribesEveryKeyTheLoaderAccepts) {
  ASSERT_TRUE(schema().is_object());
  const std::vector<std::string> keys = every_key_paths();
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys.front(), "$schema");
  for (const std::string& key : keys) {
    std::vector<const Json*> current = {&schema()};
    for (const Segment& segment : split_path(key)) {
      std::vector<const Json*> next;
      for (const Json* node : current) {
        for (const Json* child : children(*node, segment)) next.push_back(child);
      }
      current = std::move(next);
    }
    EXPECT_FALSE(current.empty()) << key << " is accepted by the loader but has no place in the schema";
    EXPECT_TRUE(std::any_of(current.begin(), current.end(), [](const Json* node) { return described(*node); }))
        << key << " has no \"description\" in the schema";
  }
}

// Every property the schema declares is used by every-key.json at a place the schema declares it, and so is accepted by the loader.
TEST(ScenarioSchema, DeclaresOnlyKeysTheLoaderAccepts) {
  ASSERT_TRUE(schema().is_object());
  std::vector<Path> keys;
  for (const std::string& key : every_key_paths()) keys.push_back(split_path(key));
  ASSERT_FALSE(keys.empty());
  const SchemaWalk& walk = schema_walk();
  EXPECT_GT(walk.declared.size(), 200u);
  for (const auto& [pointer, paths] : walk.declared) {
    const bool used = std::any_of(paths.begin(), paths.end(), [&](const Path& pattern) {
      return std::any_of(keys.begin(), keys.end(), [&](const Path& key) { return path_matches(pattern, key); });
    });
    EXPECT_TRUE(used) << "the schema declares #" << pointer << " (" << to_string(paths.front())
                      << ") but every-key.json never uses it there";
  }
}

// Every object with declared keys refuses other keys, as the loader does, and every map describes its values.
TEST(ScenarioSchema, RefusesUnknownKeysWhereverTheLoaderDoes) {
  ASSERT_TRUE(schema().is_object());
  const SchemaWalk& walk = schema_walk();
  EXPECT_GE(walk.closed_objects.size(), 40u);
  for (const auto& [pointer, closed] : walk.closed_objects) {
    EXPECT_TRUE(closed) << "#" << pointer << " declares keys without \"additionalProperties\": false";
  }
  EXPECT_GE(walk.maps.size(), 5u);
  for (const auto& [pointer, described_values] : walk.maps) {
    EXPECT_TRUE(described_values) << "#" << pointer << " is an object without declared keys or a described "
                                  << "\"additionalProperties\" schema";
  }
}

// The schema's enums list exactly the loader's spellings, in the same order.
TEST(ScenarioSchema, SpellsEnumsAsTheLoaderDoes) {
  ASSERT_TRUE(schema().is_object());
  EXPECT_EQ(schema_enum("capacityModel"), loader_spellings<CapacityModel>());
  EXPECT_EQ(schema_enum("consentRevocation"), loader_spellings<ConsentRevocation>());
  EXPECT_EQ(schema_enum("identityPolicy"), loader_spellings<IdentityPolicy>());
  EXPECT_EQ(schema_enum("routingModel"), loader_spellings<RoutingModel>());
  EXPECT_EQ(schema_enum("channelType"), loader_spellings<ChannelType>());
  EXPECT_EQ(schema_enum("consentLevelRequired"), loader_spellings<ConsentLevelRequired>());
  EXPECT_EQ(schema_enum("keywordPack"), loader_spellings<KeywordPack>());
  EXPECT_EQ(schema_enum("owner"), loader_spellings<Owner>());
  EXPECT_EQ(schema_enum("wireMode"), loader_spellings<WireMode>());
  EXPECT_EQ(schema_enum("presenceStatus"), loader_spellings<PresenceStatus>());
  EXPECT_EQ(schema_enum("allowExistingSession"), loader_spellings<AllowExistingSession>());
  EXPECT_EQ(schema_enum("templateCategory"), loader_spellings<TemplateCategory>());
  EXPECT_EQ(schema_enum("keywordMatch"), loader_spellings<KeywordMatch>());
  EXPECT_EQ(schema_enum("sessionStatus"),
            std::vector<std::string>(std::begin(kSessionStatusNames), std::end(kSessionStatusNames)));
  EXPECT_EQ(schema_distribution_names("durationDistribution"), distribution_form_names(Quantity::kDuration));
  EXPECT_EQ(schema_distribution_names("countDistribution"), distribution_form_names(Quantity::kCount));
}

}  // namespace
}  // namespace msgsim::harness
