#include "sim/stack/consent/consent_settings.h"

namespace msgsim::stack {

namespace {
const ConsentLanguageSettings* language_at(const ChannelConsentSettings& settings, ConsentLanguageIndex index) {
  return index == 0 || index > settings.languages.size() ? nullptr : &settings.languages[index - 1u];
}
}  // namespace

namespace {
bool has_word(const KeywordPack& words, const std::vector<std::string>& double_opt_in, std::string_view text) {
  if (match_keyword(words, text).action != KeywordAction::kNone) return true;
  for (const std::string& word : double_opt_in) {
    if (equals_keyword(text, word)) return true;
  }
  return false;
}
}  // namespace

std::optional<ConsentLanguageIndex> ChannelConsentSettings::language_of(std::string_view text) const {
  if (has_word(pack, double_opt_in, text)) return ConsentLanguageIndex{0};
  for (std::size_t i = 0; i < languages.size() && i < 255; ++i) {
    if (has_word(languages[i].words, languages[i].double_opt_in, text)) return static_cast<ConsentLanguageIndex>(i + 1);
  }
  return std::nullopt;
}

const std::string& ChannelConsentSettings::opt_out_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->opt_out_response ? *language->opt_out_response : opt_out_response;
}

const std::optional<std::string>& ChannelConsentSettings::opt_in_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->opt_in_response ? language->opt_in_response : opt_in_response;
}

const std::string& ChannelConsentSettings::double_opt_in_prompt_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->double_opt_in_prompt ? *language->double_opt_in_prompt
                                                                : double_opt_in_prompt;
}

const std::optional<std::string>& ChannelConsentSettings::help_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->help_response ? language->help_response : help_response;
}

}  // namespace msgsim::stack
