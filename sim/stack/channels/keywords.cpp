#include "sim/stack/channels/keywords.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <utility>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// ---- Packs ------------------------------------------------------------------

using Spellings = std::initializer_list<const char*>;

KeywordPack make_pack(const char* name, Spellings opt_out, Spellings opt_in, Spellings help) {
  KeywordPack pack;
  pack.name = name;
  for (const char* word : opt_out) pack.keywords.push_back({word, KeywordAction::kOptOut});
  for (const char* word : opt_in) pack.keywords.push_back({word, KeywordAction::kOptIn});
  for (const char* word : help) pack.keywords.push_back({word, KeywordAction::kHelp});
  return pack;
}

KeywordPack make_builtin_pack(std::string_view name) {
  // Twilio long-code defaults (error 23002 page; Advanced Opt-Out tutorial).
  if (name == "twilio") {
    return make_pack("twilio", {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"},
                     {"START", "YES", "UNSTOP"}, {"HELP", "INFO"});
  }
  if (name == "default") {
    return make_pack("default",
                     {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"},
                     {"START", "UNSTOP", "YES"}, {"HELP", "INFO"});
  }
  // AWS documents no default opt-in word: senders configure one (UNSTOP, START).
  if (name == "aws") {
    return make_pack("aws",
                     {"ARRET", "CANCEL", "END", "OPT-OUT", "OPTOUT", "QUIT", "REMOVE", "STOP", "TD", "UNSUBSCRIBE"}, {},
                     {"HELP"});
  }
  // The network, not the sender, handles STOP on US toll-free numbers.
  if (name == "toll_free") {
    KeywordPack pack = make_pack("toll_free", {"STOP"}, {"UNSTOP", "START"}, {"HELP"});
    pack.help_reply_while_opted_out = false;
    pack.custom_opt_out_allowed = false;
    return pack;
  }
  // Telnyx documents its opt-out and opt-in words; HELP is industry practice (unverified).
  if (name == "telnyx") {
    return make_pack("telnyx", {"STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"},
                     {"START", "UNSTOP"}, {"HELP"});
  }
  return make_pack("none", {}, {}, {});
}

// ---- Matching ---------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// The comparable form under the case-insensitive modes: ASCII upper case,
// trimmed, inner white space runs collapsed to one space. Non-ASCII bytes are
// kept as they are (no Unicode case folding).
std::string normalized(std::string_view text, bool drop_punctuation) {
  std::string out;
  bool space_pending = false;
  for (char c : text) {
    if (drop_punctuation && is_punctuation(c)) continue;
    if (is_space(c)) {
      space_pending = !out.empty();
      continue;
    }
    if (space_pending) out.push_back(' ');
    space_pending = false;
    out.push_back(upper(c));
  }
  return out;
}

std::string comparable(std::string_view text, KeywordMatchMode mode) {
  switch (mode) {
    case KeywordMatchMode::kExactCaseSensitive: return std::string(text);
    case KeywordMatchMode::kIgnorePunctuation: return normalized(text, true);
    case KeywordMatchMode::kSingleWordCaseInsensitive: break;
  }
  return normalized(text, false);
}

constexpr std::array<std::pair<KeywordMatchMode, const char*>, 3> kModeNames = {{
    {KeywordMatchMode::kSingleWordCaseInsensitive, "single_word_case_insensitive"},
    {KeywordMatchMode::kExactCaseSensitive, "exact_case_sensitive"},
    {KeywordMatchMode::kIgnorePunctuation, "ignore_punctuation"},
}};

// ---- FCC reasonable revocation (the rule is in the header) -------------------

using Words = std::vector<std::string>;

template <std::size_t N>
bool in_set(const std::string_view (&set)[N], std::string_view word) {
  return std::find(std::begin(set), std::end(set), word) != std::end(set);
}

constexpr std::string_view kRevocationWords[] = {"stop",   "stopall", "quit",        "end",   "revoke",
                                                  "optout", "cancel",  "unsubscribe", "unsub", "remove"};
// What may come before the revocation word: requests and greetings, never a
// negation or another subject.
constexpr std::string_view kFraming[] = {
    "please", "pls",  "plz", "kindly", "just", "hey",  "hi",   "hello", "ok",      "okay",  "so",       "now",
    "yes",    "yeah", "i",   "id",     "im",   "we",   "want", "wanna", "would",   "like",  "wish",     "need",
    "to",     "can",  "could", "will", "u",    "you",  "let",  "me",    "said",    "told",  "already",  "again",
    "seriously"};
constexpr std::string_view kPoliteness[] = {"please", "pls",  "plz", "now",   "immediately", "asap",
                                            "thanks", "thank", "you", "thx",  "ty",          "right",
                                            "away",   "already", "again", "ok", "okay"};
// What is being stopped, when the clause goes on.
constexpr std::string_view kObjects[] = {
    "me",         "texting",       "texts",  "text",         "txt",     "txts",     "txting",   "messages",
    "message",    "messaging",     "msgs",   "msg",          "sms",     "this",     "these",    "that",
    "it",         "them",          "sending", "contacting",  "calling", "emailing", "spamming", "all",
    "everything", "notifications", "alerts", "subscription", "consent", "from"};
// After "my" / "your": only what a sender's texts are about.
constexpr std::string_view kOwnedObjects[] = {"subscription", "consent", "texts", "messages", "alerts",
                                              "notifications", "number"};

struct Rewrite {
  Words from;
  Words to;
};

// Multi-word wording reduced to the revocation words it means.
const std::vector<Rewrite>& rewrites() {
  static const std::vector<Rewrite> table = {
      {{"opt", "me", "out"}, {"optout", "me"}}, {{"opt", "out"}, {"optout"}}, {{"take", "me", "off"}, {"remove", "me"}},
      {{"leave", "me", "alone"}, {"stop"}},     {{"no", "more"}, {"stop"}},
  };
  return table;
}

Words rewritten(const Words& words) {
  Words out;
  std::size_t i = 0;
  while (i < words.size()) {
    const Rewrite* hit = nullptr;
    for (const Rewrite& rule : rewrites()) {
      if (i + rule.from.size() <= words.size() && std::equal(rule.from.begin(), rule.from.end(), words.begin() + i)) {
        hit = &rule;
        break;
      }
    }
    if (hit == nullptr) {
      out.push_back(words[i++]);
      continue;
    }
    out.insert(out.end(), hit->to.begin(), hit->to.end());
    i += hit->from.size();
  }
  return out;
}

bool ends_clause(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' || c == '\r';
}

// Lower-case ASCII words per clause; apostrophes (' and U+2019) join ("don't" -> dont).
std::vector<Words> clauses_of(std::string_view text) {
  std::vector<Words> clauses(1);
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) clauses.back().push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') continue;
    if (text.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;
      continue;
    }
    const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alphanumeric) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    end_word();
    if (ends_clause(c)) clauses.emplace_back();
  }
  end_word();
  return clauses;
}

bool clause_revokes(const Words& words) {
  std::size_t i = 0;
  for (; i < words.size() && !in_set(kRevocationWords, words[i]); ++i) {
    if (!in_set(kFraming, words[i])) return false;
  }
  if (i == words.size()) return false;
  ++i;
  while (i < words.size() && in_set(kPoliteness, words[i])) ++i;
  if (i == words.size()) return true;
  if (words[i] == "my" || words[i] == "your") return i + 1 < words.size() && in_set(kOwnedObjects, words[i + 1]);
  return in_set(kObjects, words[i]);
}

}  // namespace

const char* keyword_action_name(KeywordAction action) {
  switch (action) {
    case KeywordAction::kOptOut: return "opt_out";
    case KeywordAction::kOptIn: return "opt_in";
    case KeywordAction::kHelp: return "help";
    case KeywordAction::kNone: break;
  }
  return "none";
}

const char* keyword_match_mode_name(KeywordMatchMode mode) {
  for (const auto& [value, name] : kModeNames) {
    if (value == mode) return name;
  }
  return "single_word_case_insensitive";
}

Result<KeywordMatchMode> keyword_match_mode_from_name(std::string_view name) {
  for (const auto& [value, mode_name] : kModeNames) {
    if (name == mode_name) return value;
  }
  return Status(StatusCode::kInvalidInput,
                "unknown keyword match mode '" + std::string(name) +
                    "' (expected single_word_case_insensitive, exact_case_sensitive or ignore_punctuation)");
}

const std::vector<std::string>& keyword_pack_names() {
  static const std::vector<std::string> names = {"default", "twilio", "aws", "toll_free", "telnyx", "none"};
  return names;
}

Result<KeywordPack> keyword_pack(std::string_view name) {
  const std::vector<std::string>& names = keyword_pack_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const std::string& each : names) known += (known.empty() ? "" : ", ") + each;
    return Status(StatusCode::kNotFound, "unknown keyword pack '" + std::string(name) + "' (known: " + known + ")");
  }
  return make_builtin_pack(name);
}

Status add_keyword(KeywordPack& pack, std::string_view text, KeywordAction action) {
  const std::string key = normalized(text, false);
  if (key.empty()) return Status(StatusCode::kInvalidInput, "a keyword must not be empty");
  if (action == KeywordAction::kNone) return Status(StatusCode::kInvalidInput, "keyword '" + key + "' needs an action");
  if (action == KeywordAction::kOptOut && !pack.custom_opt_out_allowed) {
    return Status(StatusCode::kRefused, "pack '" + pack.name + "' does not accept custom opt-out keywords");
  }
  for (const Keyword& existing : pack.keywords) {
    if (normalized(existing.text, false) != key) continue;
    if (existing.action == action) return Status::ok();
    return Status(StatusCode::kInvalidInput, "keyword '" + key + "' is already " +
                                                 keyword_action_name(existing.action) + " in pack '" + pack.name + "'");
  }
  // Trimmed, original case: exact_case_sensitive compares against this spelling.
  const std::size_t first = text.find_first_not_of(" \t\n\r\f\v");
  const std::size_t last = text.find_last_not_of(" \t\n\r\f\v");
  pack.keywords.push_back({std::string(text.substr(first, last - first + 1)), action});
  return Status::ok();
}

KeywordMatch match_keyword(const KeywordPack& pack, std::string_view body, KeywordMatchMode mode) {
  const std::string candidate = comparable(body, mode);
  if (candidate.empty()) return {};
  for (const Keyword& keyword : pack.keywords) {
    if (comparable(keyword.text, mode) == candidate) return {keyword.action, keyword.text};
  }
  return {};
}

bool sends_help_reply(const KeywordPack& pack, bool recipient_opted_out) {
  return !recipient_opted_out || pack.help_reply_while_opted_out;
}

bool looks_like_revocation(std::string_view text) {
  for (const Words& clause : clauses_of(text)) {
    if (clause_revokes(rewritten(clause))) return true;
  }
  return false;
}

bool equals_keyword(std::string_view text, std::string_view word) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(word[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace msgsim::stack
